package dln.chaincode.model;

import com.google.gson.JsonObject;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The server optimiser every participant applies to a round's aggregate (FedAvgM, FedAdam,
 * FedYogi, or none), with every parameter written out; like the rule, the ledger only records it.
 */
@DataType
public record Optimiser(@Property String name, JsonObject params) {

    /** Models stored before optimisers existed, and models without one. */
    public static final Optimiser NONE = new Optimiser("none", new JsonObject());

    /** True when the aggregate is the next start as it is: no state to record. */
    public boolean none() {
        return NONE.name().equals(name);
    }

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject params() {
        return params == null ? null : params.deepCopy();
    }
}

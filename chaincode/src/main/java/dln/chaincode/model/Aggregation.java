package dln.chaincode.model;

import com.google.gson.JsonObject;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** The aggregation rule every participant applies locally; the ledger only records it. */
@DataType
public record Aggregation(@Property String rule, JsonObject params) {

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject params() {
        return params == null ? null : params.deepCopy();
    }
}

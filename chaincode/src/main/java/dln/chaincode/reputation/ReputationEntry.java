package dln.chaincode.reputation;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One decided update in an identity's history: as its submitter, or as a scorer whose score
 * agreed (or not) with the decision. Kept as one key per decision instead of a counter record,
 * so concurrent decisions never write the same key. As submitter, {@code contribution} is the
 * update's measured contribution (null when not measured) and {@code flagged} whether a member
 * found it failing a sanity check.
 */
@DataType
public record ReputationEntry(@Property String updateId, @Property String modelId, @Property String role,
                              @Property String outcome, Boolean agreed, @Property String at, Double contribution,
                              @Property boolean flagged) {

    public static final String SUBMITTER = "submitter";
    public static final String SCORER = "scorer";
}

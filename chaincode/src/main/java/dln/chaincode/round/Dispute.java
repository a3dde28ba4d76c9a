package dln.chaincode.round;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** A participant whose recomputation of a round's aggregate (or of the optimiser state after it) gave another CID. */
@DataType
public record Dispute(@Property String modelId, @Property int round, Identity by, @Property String cid, @Property String at,
                      String stateCid) {
}

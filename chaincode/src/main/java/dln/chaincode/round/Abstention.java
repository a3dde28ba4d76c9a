package dln.chaincode.round;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A provider that takes its turn in a federated round without an update: its training left the
 * model where it was (the model already fits its data), so it has nothing to add, and an update
 * equal to its parents would only be refused as "did not train". It counts toward the round's
 * set like a submission, so the round does not wait for it until the deadline.
 */
@DataType
public record Abstention(@Property String modelId, @Property int round, Identity by, @Property String reason, @Property String at) {
}

package dln.chaincode.model;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** Federated mode: a round closes once minUpdates are decided (and none pending) or after its deadline. */
@DataType
public record RoundSettings(@Property int minUpdates, @Property long deadlineSeconds) {
}

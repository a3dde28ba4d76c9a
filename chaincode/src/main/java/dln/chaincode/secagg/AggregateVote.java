package dln.chaincode.secagg;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** One participant's RecordSecureAggregate: the weights it recovered for the round (normalised CID). */
@DataType
public record AggregateVote(Identity by, @Property String weightsCid) {
}

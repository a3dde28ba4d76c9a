package dln.chaincode.round;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** The CID of a closed round's aggregate, as first computed and recorded by {@code by}. */
@DataType
public record AggregateRecord(@Property String cid, Identity by, @Property String at) {
}

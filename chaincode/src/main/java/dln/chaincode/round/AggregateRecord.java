package dln.chaincode.round;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The CID of the start a closed round hands on (its aggregate, after the model's server optimiser
 * if it has one), as first computed and recorded by {@code by}; {@code stateCid} is the CID of the
 * optimiser's state after the step (null without an optimiser), part of what others verify.
 */
@DataType
public record AggregateRecord(@Property String cid, Identity by, @Property String at, String stateCid) {
}

package dln.chaincode.score;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** One committee member's evaluation of an update on its validation fragment. */
@DataType
public record Score(@Property String updateId, Identity member, @Property double value, @Property long samples, @Property String at,
        @Property String reason) {
}

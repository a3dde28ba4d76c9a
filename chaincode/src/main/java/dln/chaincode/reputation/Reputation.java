package dln.chaincode.reputation;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * An identity's track record. {@code weight} = (scoresAgreed + 1) / (scoresDecided + 2): a new
 * member starts at 1/2 and the reputation-weighted mean trusts members who agree with decisions.
 */
@DataType
public record Reputation(Identity identity, @Property long accepted, @Property long rejected, @Property long scoresGiven,
                         @Property long scoresDecided, @Property long scoresAgreed, @Property double weight) {
}

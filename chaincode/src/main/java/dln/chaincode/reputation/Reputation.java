package dln.chaincode.reputation;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * An identity's contribution account and track record. As a provider: updates {@code accepted}
 * and {@code rejected}, the sum of its accepted updates' measured {@code contribution} (loss
 * decrease in nats; a free rider's stays at zero, and a rejected update adds nothing), and the
 * updates {@code flagged} by a failed sanity check. As a scorer: {@code weight} =
 * (scoresAgreed + 1) / (scoresDecided + 2), so a new member starts at 1/2 and the
 * reputation-weighted mean trusts members who agree with decisions.
 */
@DataType
public record Reputation(Identity identity, @Property long accepted, @Property long rejected, @Property long scoresGiven,
                         @Property long scoresDecided, @Property long scoresAgreed, @Property double weight,
                         @Property double contribution, @Property long flagged) {
}

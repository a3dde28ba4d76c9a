package dln.chaincode.round;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;

/** GetRound's answer: the round, the disputes of its aggregate and the providers that abstained from it, each ordered by key. */
@DataType
public record RoundView(Round round, List<Dispute> disputes, List<Abstention> abstentions) {
    public RoundView {
        disputes = List.copyOf(disputes);
        abstentions = List.copyOf(abstentions);
    }
}

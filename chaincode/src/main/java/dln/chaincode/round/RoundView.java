package dln.chaincode.round;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;

/** GetRound's answer: the round and the disputes of its aggregate, ordered by disputer key. */
@DataType
public record RoundView(Round round, List<Dispute> disputes) {
    public RoundView {
        disputes = List.copyOf(disputes);
    }
}

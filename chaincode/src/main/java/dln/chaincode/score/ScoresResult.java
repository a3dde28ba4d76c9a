package dln.chaincode.score;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** SubmitScores' answer: one {@link ScoreResult} per score, in update-id order. */
@DataType
public record ScoresResult(@Property List<ScoreResult> results) {

    public ScoresResult {
        results = List.copyOf(results);
    }
}

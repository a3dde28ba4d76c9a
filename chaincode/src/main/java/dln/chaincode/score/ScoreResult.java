package dln.chaincode.score;

import dln.chaincode.update.Update;
import org.hyperledger.fabric.contract.annotation.DataType;

/** SubmitScore's answer: the recorded score and the update as it stands after it (decided or not). */
@DataType
public record ScoreResult(Score score, Update update) {
}

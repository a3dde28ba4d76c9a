package dln.chaincode.score;

import dln.api.Tx;
import dln.chaincode.call.CheckedContract;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Committee members score updates; the quorum-bringing score decides acceptance. */
@Contract(name = dln.api.Contract.SCORE_NAME, info = @Info(title = "dln scores", version = "1"))
public final class ScoreContract implements CheckedContract {

    /** @param request {"updateId","value","samples"}; returns {"score": Score, "update": Update} */
    @Transaction(name = Tx.SUBMIT_SCORE_NAME, intent = Transaction.TYPE.SUBMIT)
    public String submitScore(final Context ctx, final String request) {
        return JsonCodec.encode(ScoreSubmission.submit(Ledger.of(ctx), request));
    }

    /**
     * @param request {"scores": [score, ...]}: the caller's scores of one round, each as SubmitScore
     *                takes it; returns {"results": [{"score", "update"}, ...]} in update-id order
     */
    @Transaction(name = Tx.SUBMIT_SCORES_NAME, intent = Transaction.TYPE.SUBMIT)
    public String submitScores(final Context ctx, final String request) {
        return JsonCodec.encode(ScoreBatch.submit(Ledger.of(ctx), request));
    }
}

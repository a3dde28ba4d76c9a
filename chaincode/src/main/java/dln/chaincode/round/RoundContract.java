package dln.chaincode.round;

import dln.api.Tx;
import dln.chaincode.call.CheckedContract;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Federated rounds: closing at the deadline, and the aggregate every participant recomputes. */
@Contract(name = dln.api.Contract.ROUND_NAME, info = @Info(title = "dln rounds", version = "1"))
public final class RoundContract implements CheckedContract {

    @Transaction(name = Tx.CLOSE_ROUND_NAME, intent = Transaction.TYPE.SUBMIT)
    public String closeRound(final Context ctx, final String modelId, final String round) {
        return JsonCodec.encode(RoundActions.close(Ledger.of(ctx), modelId, round));
    }

    /** Contribution policy: fixes the round's submitted set and opens its scoring. */
    @Transaction(name = Tx.START_SCORING_NAME, intent = Transaction.TYPE.SUBMIT)
    public String startScoring(final Context ctx, final String modelId, final String round) {
        return JsonCodec.encode(RoundActions.startScoring(Ledger.of(ctx), modelId, round));
    }

    /** A provider takes its turn in the current round without an update: its training left the model where it was. */
    @Transaction(name = Tx.ABSTAIN_NAME, intent = Transaction.TYPE.SUBMIT)
    public String abstain(final Context ctx, final String modelId, final String round, final String reason) {
        return JsonCodec.encode(RoundAbstentions.abstain(Ledger.of(ctx), modelId, round, reason));
    }

    @Transaction(name = Tx.RECORD_AGGREGATE_NAME, intent = Transaction.TYPE.SUBMIT)
    public String recordAggregate(final Context ctx, final String modelId, final String round, final String cid, final String stateCid) {
        return JsonCodec.encode(RoundActions.recordAggregate(Ledger.of(ctx), modelId, round, cid, stateCid));
    }

    /** Returns {"round": Round, "disputes": [Dispute]} like query:GetRound. */
    @Transaction(name = Tx.DISPUTE_AGGREGATE_NAME, intent = Transaction.TYPE.SUBMIT)
    public String disputeAggregate(final Context ctx, final String modelId, final String round, final String cid, final String stateCid) {
        return JsonCodec.encode(RoundActions.dispute(Ledger.of(ctx), modelId, round, cid, stateCid));
    }
}

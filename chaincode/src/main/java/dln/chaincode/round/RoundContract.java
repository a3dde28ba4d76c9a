package dln.chaincode.round;

import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Federated rounds: closing at the deadline, and the aggregate every participant recomputes. */
@Contract(name = "round", info = @Info(title = "dln rounds", version = "1"))
public final class RoundContract implements ContractInterface {

    @Transaction(name = "CloseRound", intent = Transaction.TYPE.SUBMIT)
    public String closeRound(final Context ctx, final String modelId, final String round) {
        return JsonCodec.encode(RoundActions.close(Ledger.of(ctx), modelId, round));
    }

    @Transaction(name = "RecordAggregate", intent = Transaction.TYPE.SUBMIT)
    public String recordAggregate(final Context ctx, final String modelId, final String round, final String cid) {
        return JsonCodec.encode(RoundActions.recordAggregate(Ledger.of(ctx), modelId, round, cid));
    }

    /** Returns {"round": Round, "disputes": [Dispute]} like query:GetRound. */
    @Transaction(name = "DisputeAggregate", intent = Transaction.TYPE.SUBMIT)
    public String disputeAggregate(final Context ctx, final String modelId, final String round, final String cid) {
        return JsonCodec.encode(RoundActions.dispute(Ledger.of(ctx), modelId, round, cid));
    }
}

package dln.chaincode.model;

import dln.api.Tx;
import dln.chaincode.call.CheckedContract;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Publishing a model and its lifecycle: proposed -> open | declined, then closed. Every call returns the Model. */
@Contract(name = dln.api.Contract.MODEL_NAME, info = @Info(title = "dln models", version = "1"))
public final class ModelContract implements CheckedContract {

    @Transaction(name = Tx.PUBLISH_MODEL_NAME, intent = Transaction.TYPE.SUBMIT)
    public String publishModel(final Context ctx, final String spec) {
        return JsonCodec.encode(ModelPublication.publish(Ledger.of(ctx), spec));
    }

    @Transaction(name = Tx.APPROVE_MODEL_NAME, intent = Transaction.TYPE.SUBMIT)
    public String approveModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(ModelLifecycle.vote(Ledger.of(ctx), modelId, true, null));
    }

    @Transaction(name = Tx.DECLINE_MODEL_NAME, intent = Transaction.TYPE.SUBMIT)
    public String declineModel(final Context ctx, final String modelId, final String reason) {
        return JsonCodec.encode(ModelLifecycle.vote(Ledger.of(ctx), modelId, false, reason));
    }

    @Transaction(name = Tx.CLOSE_MODEL_NAME, intent = Transaction.TYPE.SUBMIT)
    public String closeModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(ModelLifecycle.close(Ledger.of(ctx), modelId));
    }
}

package dln.chaincode.model;

import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Publishing a model and its lifecycle: proposed -> open | declined, then closed. Every call returns the Model. */
@Contract(name = "model", info = @Info(title = "dln models", version = "1"))
public final class ModelContract implements ContractInterface {

    @Transaction(name = "PublishModel", intent = Transaction.TYPE.SUBMIT)
    public String publishModel(final Context ctx, final String spec) {
        return JsonCodec.encode(ModelPublication.publish(Ledger.of(ctx), spec));
    }

    @Transaction(name = "ApproveModel", intent = Transaction.TYPE.SUBMIT)
    public String approveModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(ModelLifecycle.vote(Ledger.of(ctx), modelId, true, null));
    }

    @Transaction(name = "DeclineModel", intent = Transaction.TYPE.SUBMIT)
    public String declineModel(final Context ctx, final String modelId, final String reason) {
        return JsonCodec.encode(ModelLifecycle.vote(Ledger.of(ctx), modelId, false, reason));
    }

    @Transaction(name = "CloseModel", intent = Transaction.TYPE.SUBMIT)
    public String closeModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(ModelLifecycle.close(Ledger.of(ctx), modelId));
    }
}

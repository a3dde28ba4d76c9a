package dln.chaincode.update;

import dln.api.Tx;
import dln.chaincode.call.CheckedContract;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Providers record trained weights and their parents. */
@Contract(name = dln.api.Contract.UPDATE_NAME, info = @Info(title = "dln updates", version = "1"))
public final class UpdateContract implements CheckedContract {

    /** @param request {"modelId","weightsCid","parents":[...],"round"?,"samples","trainingMillis"}; returns the Update */
    @Transaction(name = Tx.SUBMIT_UPDATE_NAME, intent = Transaction.TYPE.SUBMIT)
    public String submitUpdate(final Context ctx, final String request) {
        return JsonCodec.encode(UpdateSubmission.submit(Ledger.of(ctx), request));
    }
}

package dln.chaincode.secagg;

import dln.api.Tx;
import dln.chaincode.call.CheckedContract;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Secure aggregation of federated rounds: key agreement, shares, masked updates, reveals, the aggregate (docs/privacy.md). */
@Contract(name = dln.api.Contract.SECAGG_NAME, info = @Info(title = "dln secure aggregation", version = "1"))
public final class SecureAggregationContract implements CheckedContract {

    /** @param maskKey the round's public mask key: 04 and 128 lower-case hex digits */
    @Transaction(name = Tx.ADVERTISE_MASK_KEY_NAME, intent = Transaction.TYPE.SUBMIT)
    public String advertiseMaskKey(final Context ctx, final String modelId, final String round, final String maskKey) {
        return JsonCodec.encode(SecureActions.advertise(Ledger.of(ctx), modelId, round, maskKey));
    }

    /** @param request {"shares": ["base64 envelope", ...]} in key-set order */
    @Transaction(name = Tx.SHARE_SECRETS_NAME, intent = Transaction.TYPE.SUBMIT)
    public String shareSecrets(final Context ctx, final String modelId, final String round, final String request) {
        return JsonCodec.encode(SecureActions.share(Ledger.of(ctx), modelId, round, request));
    }

    /** @param request {"maskedCid": CID, "samples": n, "trainingMillis": ms, "recipeHash": the model's recipe hash} */
    @Transaction(name = Tx.SUBMIT_MASKED_NAME, intent = Transaction.TYPE.SUBMIT)
    public String submitMasked(final Context ctx, final String modelId, final String round, final String request) {
        return JsonCodec.encode(SecureActions.submitMasked(Ledger.of(ctx), modelId, round, request));
    }

    /** @param request {"shares": ["hex", ...]} in the order of the round's shared set */
    @Transaction(name = Tx.REVEAL_SHARES_NAME, intent = Transaction.TYPE.SUBMIT)
    public String revealShares(final Context ctx, final String modelId, final String round, final String request) {
        return JsonCodec.encode(SecureActions.reveal(Ledger.of(ctx), modelId, round, request));
    }

    @Transaction(name = Tx.ADVANCE_SECURE_ROUND_NAME, intent = Transaction.TYPE.SUBMIT)
    public String advanceSecureRound(final Context ctx, final String modelId, final String round) {
        return JsonCodec.encode(SecureActions.advance(Ledger.of(ctx), modelId, round));
    }

    /** @param request {"weightsCid": CID}; returns the SecureRound (aggregateUpdateId set once threshold participants agree) */
    @Transaction(name = Tx.RECORD_SECURE_AGGREGATE_NAME, intent = Transaction.TYPE.SUBMIT)
    public String recordSecureAggregate(final Context ctx, final String modelId, final String round, final String request) {
        return JsonCodec.encode(SecureActions.recordAggregate(Ledger.of(ctx), modelId, round, request));
    }
}

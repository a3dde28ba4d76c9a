package dln.chaincode.query;

import com.google.gson.JsonElement;
import dln.chaincode.identity.Identity;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.ModelStatus;
import dln.chaincode.model.Models;
import dln.chaincode.reputation.ReputationBook;
import dln.chaincode.round.RoundActions;
import dln.chaincode.round.RoundView;
import dln.chaincode.round.Rounds;
import dln.chaincode.rule.Rule;
import dln.chaincode.score.Score;
import dln.chaincode.update.Updates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Read-only views of the ledger. Every one is a point read or a range over its own index. */
@Contract(name = "query", info = @Info(title = "dln queries", version = "1"))
public final class QueryContract implements ContractInterface {

    @Transaction(name = "GetModel", intent = Transaction.TYPE.EVALUATE)
    public String getModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(Models.load(Ledger.of(ctx), modelId));
    }

    /** @param status "" for every model, else proposed | open | declined | closed */
    @Transaction(name = "ListModels", intent = Transaction.TYPE.EVALUATE)
    public String listModels(final Context ctx, final String status, final String pageSize, final String bookmark) {
        final Ledger ledger = Ledger.of(ctx);
        final int size = PageSize.parse(pageSize);
        final List<JsonElement> items = new ArrayList<>();
        final Ledger.Slice slice;
        if (status == null || status.isEmpty()) {
            slice = ledger.page(Key.of(Keys.MODEL), size, bookmark);
            for (final String json : slice.values()) {
                items.add(JsonCodec.tree(JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), Model.class)));
            }
        } else {
            slice = ledger.page(Key.of(Keys.MODEL_BY_STATUS, modelStatus(status)), size, bookmark);
            for (final String id : slice.values()) {
                items.add(JsonCodec.tree(Models.load(ledger, id)));
            }
        }
        return JsonCodec.encode(new Page(items, slice.bookmark(), items.size()));
    }

    @Transaction(name = "GetUpdate", intent = Transaction.TYPE.EVALUATE)
    public String getUpdate(final Context ctx, final String updateId) {
        return JsonCodec.encode(Updates.load(Ledger.of(ctx), updateId));
    }

    /** @param query {"modelId","round"?,"status"?,"pageSize","bookmark"?} */
    @Transaction(name = "ListUpdates", intent = Transaction.TYPE.EVALUATE)
    public String listUpdates(final Context ctx, final String query) {
        return JsonCodec.encode(UpdateListing.list(Ledger.of(ctx), query));
    }

    @Transaction(name = "GetScores", intent = Transaction.TYPE.EVALUATE)
    public String getScores(final Context ctx, final String updateId) {
        final Ledger ledger = Ledger.of(ctx);
        final String id = Updates.load(ledger, updateId).id();
        return JsonCodec.encode(ledger.records(Key.of(Keys.SCORE, id), Score.class, Integer.MAX_VALUE));
    }

    @Transaction(name = "GetLineage", intent = Transaction.TYPE.EVALUATE)
    public String getLineage(final Context ctx, final String updateId, final String depth) {
        return JsonCodec.encode(Lineage.ancestors(Ledger.of(ctx), updateId, depth));
    }

    /** @param parentId an update id, or "initial" for the updates trained from the initial weights */
    @Transaction(name = "GetChildren", intent = Transaction.TYPE.EVALUATE)
    public String getChildren(final Context ctx, final String modelId, final String parentId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.children(Ledger.of(ctx), modelId, parentId, pageSize, bookmark));
    }

    @Transaction(name = "GetDag", intent = Transaction.TYPE.EVALUATE)
    public String getDag(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.dag(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    /** The gossip head and its runners-up: accepted updates, best combined score first. */
    @Transaction(name = "ListBestAccepted", intent = Transaction.TYPE.EVALUATE)
    public String listBestAccepted(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.best(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    /** Accepted updates, most recently decided first: where gossip providers sample parents. */
    @Transaction(name = "ListRecentAccepted", intent = Transaction.TYPE.EVALUATE)
    public String listRecentAccepted(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.recent(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    @Transaction(name = "GetRound", intent = Transaction.TYPE.EVALUATE)
    public String getRound(final Context ctx, final String modelId, final String round) {
        final Ledger ledger = Ledger.of(ctx);
        final Model model = Models.load(ledger, modelId);
        final int number = Rounds.parse(round);
        return JsonCodec.encode(new RoundView(Rounds.load(ledger, model, number), RoundActions.disputes(ledger, modelId, number)));
    }

    @Transaction(name = "GetReputation", intent = Transaction.TYPE.EVALUATE)
    public String getReputation(final Context ctx, final String mspId, final String x509Id) {
        if (mspId == null || mspId.isEmpty() || x509Id == null || x509Id.isEmpty() || mspId.length() > 128 || x509Id.length() > 2048) {
            throw Rule.INVALID_FIELD.fail("GetReputation needs an MSP id and an X.509 id (\"x509::subject::issuer\")");
        }
        return JsonCodec.encode(ReputationBook.of(Ledger.of(ctx), new Identity(mspId, x509Id)));
    }

    private static String modelStatus(final String status) {
        for (final ModelStatus s : ModelStatus.values()) {
            if (s.wire().equals(status)) {
                return status;
            }
        }
        throw Rule.INVALID_FIELD.fail("status must be \"\", proposed, open, declined or closed, got '" + status + "'");
    }
}

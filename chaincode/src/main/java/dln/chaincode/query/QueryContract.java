package dln.chaincode.query;

import dln.api.Tx;
import com.google.gson.JsonElement;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.identity.Identity;
import dln.chaincode.model.Model;
import dln.api.ModelStatus;
import dln.api.RoundStatus;
import dln.chaincode.model.Models;
import dln.chaincode.reputation.ReputationBook;
import dln.chaincode.round.Round;
import dln.chaincode.round.RoundAbstentions;
import dln.chaincode.round.RoundActions;
import dln.chaincode.round.RoundView;
import dln.chaincode.round.Rounds;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
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
@Contract(name = dln.api.Contract.QUERY_NAME, info = @Info(title = "dln queries", version = "1"))
public final class QueryContract implements dln.chaincode.call.CheckedContract {

    @Transaction(name = Tx.GET_MODEL_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getModel(final Context ctx, final String modelId) {
        return JsonCodec.encode(Models.load(Ledger.of(ctx), modelId));
    }

    /** @param status "" for every model, else proposed | open | declined | closed */
    @Transaction(name = Tx.LIST_MODELS_NAME, intent = Transaction.TYPE.EVALUATE)
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

    @Transaction(name = Tx.GET_UPDATE_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getUpdate(final Context ctx, final String updateId) {
        return JsonCodec.encode(Updates.load(Ledger.of(ctx), updateId));
    }

    /** @param query {"modelId","round"?,"status"?,"pageSize","bookmark"?} */
    @Transaction(name = Tx.LIST_UPDATES_NAME, intent = Transaction.TYPE.EVALUATE)
    public String listUpdates(final Context ctx, final String query) {
        return JsonCodec.encode(UpdateListing.list(Ledger.of(ctx), query));
    }

    @Transaction(name = Tx.GET_SCORES_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getScores(final Context ctx, final String updateId) {
        final Ledger ledger = Ledger.of(ctx);
        final String id = Updates.load(ledger, updateId).id();
        return JsonCodec.encode(ledger.records(Key.of(Keys.SCORE, id), Score.class, Integer.MAX_VALUE));
    }

    @Transaction(name = Tx.GET_LINEAGE_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getLineage(final Context ctx, final String updateId, final String depth) {
        return JsonCodec.encode(Lineage.ancestors(Ledger.of(ctx), updateId, depth));
    }

    /** @param parentId an update id, or "initial" for the updates trained from the initial weights */
    @Transaction(name = Tx.GET_CHILDREN_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getChildren(final Context ctx, final String modelId, final String parentId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.children(Ledger.of(ctx), modelId, parentId, pageSize, bookmark));
    }

    @Transaction(name = Tx.GET_DAG_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getDag(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.dag(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    /** The gossip head and its runners-up: accepted updates, best combined score first. */
    @Transaction(name = Tx.LIST_BEST_ACCEPTED_NAME, intent = Transaction.TYPE.EVALUATE)
    public String listBestAccepted(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.best(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    /** Accepted updates, most recently decided first: where gossip providers sample parents. */
    @Transaction(name = Tx.LIST_RECENT_ACCEPTED_NAME, intent = Transaction.TYPE.EVALUATE)
    public String listRecentAccepted(final Context ctx, final String modelId, final String pageSize, final String bookmark) {
        return JsonCodec.encode(UpdateListing.recent(Ledger.of(ctx), modelId, pageSize, bookmark));
    }

    /** One identity's updates of a model, newest submitted first: where a provider finds its last step. */
    @Transaction(name = Tx.LIST_SUBMITTED_BY_NAME, intent = Transaction.TYPE.EVALUATE)
    public String listSubmittedBy(final Context ctx, final String modelId, final String mspId, final String x509Id, final String pageSize,
                                  final String bookmark) {
        return JsonCodec.encode(IdentityListing.submittedBy(Ledger.of(ctx), modelId, mspId, x509Id, pageSize, bookmark));
    }

    /** Pending updates of a model that one member has neither submitted nor scored: its work left, in one range read. */
    @Transaction(name = Tx.LIST_UNSCORED_BY_NAME, intent = Transaction.TYPE.EVALUATE)
    public String listUnscoredBy(final Context ctx, final String modelId, final String mspId, final String x509Id, final String pageSize,
                                 final String bookmark) {
        return JsonCodec.encode(IdentityListing.unscoredBy(Ledger.of(ctx), modelId, mspId, x509Id, pageSize, bookmark));
    }

    /**
     * What one member has to do in one model, read in one call and so from one state: the model,
     * its current round (a federated model's, once it has one), the first page of
     * ListUnscoredBy and, while the round takes submissions, how many it has. A member's pass
     * read the first three one after another, and the round had to come before the list so that a
     * set fixed between the reads was scored whole by the next pass.
     */
    @Transaction(name = Tx.GET_MEMBER_WORK_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getMemberWork(final Context ctx, final String modelId, final String mspId, final String x509Id, final String pageSize) {
        final Ledger ledger = Ledger.of(ctx);
        // Checks the identity, the page size and the model id before anything else is read.
        final IdentityListing.Listed unscored = IdentityListing.unscoredBy(Tx.GET_MEMBER_WORK_NAME, ledger, modelId, mspId, x509Id, pageSize, "");
        final Round round = currentRound(ledger, unscored.model());
        // The round's submissions so far, its own one included: unscored never lists the member's own update.
        final boolean open = round != null && round.status() == RoundStatus.OPEN;
        final Integer submitted = open ? RoundActions.submitted(ledger, modelId, round.number()).size() : null;
        final Integer abstained = open ? RoundAbstentions.count(ledger, modelId, round.number()) : null;
        return JsonCodec.encode(new MemberWork(unscored.model(), round, unscored.page(), submitted, abstained));
    }

    /**
     * What one provider needs to start a step, read in one call and so from one state: the model,
     * its current round (a federated model's, once it has one), the identity's newest update of
     * the model (whether it joined the round already; a gossip step's seed) and the views of the
     * round's parents, which its start aggregates (none for the initial weights, and none past
     * {@link PageSize#MAX} parents: those are read page by page). A provider's step read these
     * with four calls.
     */
    @Transaction(name = Tx.GET_PROVIDER_WORK_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getProviderWork(final Context ctx, final String modelId, final String mspId, final String x509Id) {
        final Ledger ledger = Ledger.of(ctx);
        // Checks the identity and the model id before anything else is read.
        final IdentityListing.Listed newest = IdentityListing.submittedBy(Tx.GET_PROVIDER_WORK_NAME, ledger, modelId, mspId, x509Id, "1", "");
        final Round round = currentRound(ledger, newest.model());
        final List<dln.chaincode.update.Update> parents = new ArrayList<>();
        if (round != null && round.parents().size() <= PageSize.MAX && !round.parents().contains(dln.api.view.UpdateView.INITIAL)) {
            for (final String id : round.parents()) {
                parents.add(Updates.load(ledger, id));
            }
        }
        final List<JsonElement> items = newest.page().items();
        // Whether it abstained from the current round: then it took its turn there, as a submission would.
        final boolean abstained = round != null && RoundAbstentions.abstained(ledger, modelId, round.number(), new Identity(mspId, x509Id));
        return JsonCodec.encode(new ProviderWork(newest.model(), round, items.isEmpty() ? null : items.get(0), parents, abstained));
    }

    /** A federated model's current round once it has one; null for gossip or before the first. */
    private static Round currentRound(final Ledger ledger, final Model model) {
        return model.mode() == dln.api.Mode.FEDERATED && model.currentRound() >= 1 ? Rounds.load(ledger, model, model.currentRound()) : null;
    }

    @Transaction(name = Tx.GET_ROUND_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getRound(final Context ctx, final String modelId, final String round) {
        final Ledger ledger = Ledger.of(ctx);
        final int number = Rounds.parse(round);
        final Model model = Models.load(ledger, modelId);
        return JsonCodec.encode(new RoundView(Rounds.load(ledger, model, number), RoundActions.disputes(ledger, modelId, number),
                RoundAbstentions.list(ledger, modelId, number)));
    }

    @Transaction(name = Tx.GET_REPUTATION_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getReputation(final Context ctx, final String mspId, final String x509Id) {
        return JsonCodec.encode(ReputationBook.of(Ledger.of(ctx), IdentityArgument.of(Tx.GET_REPUTATION_NAME, mspId, x509Id)));
    }

    private static String modelStatus(final String status) {
        for (final ModelStatus s : ModelStatus.values()) {
            if (s.wire().equals(status)) {
                return status;
            }
        }
        throw Violation.of(Rule.INVALID_FIELD, "status must be \"\", proposed, open, declined or closed, got '" + status + "'");
    }

    /** A securely aggregated round: its steps and every key-set provider's part (docs/privacy.md). */
    @Transaction(name = Tx.GET_SECURE_ROUND_NAME, intent = Transaction.TYPE.EVALUATE)
    public String getSecureRound(final Context ctx, final String modelId, final String round) {
        return JsonCodec.encode(dln.chaincode.secagg.SecureActions.view(Ledger.of(ctx), modelId, round));
    }
}

package dln.chaincode.query;

import com.google.gson.JsonElement;
import dln.api.Tx;
import dln.api.UpdateStatus;
import dln.chaincode.identity.Identity;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.update.Update;
import dln.chaincode.update.Updates;
import java.util.ArrayList;
import java.util.List;

/**
 * ListSubmittedBy and ListUnscoredBy: what one identity did, or still has to do, in one model,
 * read from a key range whose size does not depend on the size of the model's DAG.
 */
public final class IdentityListing {

    private IdentityListing() {
    }

    /** The identity's updates of the model, newest submitted first. */
    public static Page submittedBy(final Ledger ledger, final String modelId, final String mspId, final String x509Id,
                                   final String pageSize, final String bookmark) {
        return submittedBy(Tx.LIST_SUBMITTED_BY_NAME, ledger, modelId, mspId, x509Id, pageSize, bookmark).page();
    }

    /** A listing's page with the model it checked: a query that answers both reads the model once. */
    record Listed(Model model, Page page) {}

    /** As {@link #submittedBy(Ledger, String, String, String, String, String)} for the transaction {@code tx}, which a refusal names. */
    static Listed submittedBy(final String tx, final Ledger ledger, final String modelId, final String mspId, final String x509Id,
                              final String pageSize, final String bookmark) {
        final Identity who = IdentityArgument.of(tx, mspId, x509Id);
        final int size = PageSize.parse(pageSize);
        final Model model = Models.load(ledger, Ids.checkModel(modelId));
        final Ledger.Slice slice = ledger.page(Key.of(Keys.UPDATE_BY_SUBMITTER, modelId, who.mspId(), who.x509Id()), size, bookmark);
        final List<JsonElement> items = new ArrayList<>();
        for (final String id : slice.values()) {
            items.add(JsonCodec.tree(Updates.load(ledger, id)));
        }
        return new Listed(model, new Page(items, slice.bookmark(), items.size()));
    }

    /**
     * The model's pending updates the identity can still score: it neither submitted nor scored
     * them. A page covers {@code pageSize} pending updates in submission order and lists those
     * left to score, so it may hold fewer items than its size (even none) and still have a next
     * page. Reads the pending range and, per pending update, the update and one score key: the
     * cost follows what is pending, never what was decided.
     */
    public static Page unscoredBy(final Ledger ledger, final String modelId, final String mspId, final String x509Id,
                                  final String pageSize, final String bookmark) {
        return unscoredBy(Tx.LIST_UNSCORED_BY_NAME, ledger, modelId, mspId, x509Id, pageSize, bookmark).page();
    }

    /** As {@link #unscoredBy(Ledger, String, String, String, String, String)} for the transaction {@code tx}, which a refusal names. */
    static Listed unscoredBy(final String tx, final Ledger ledger, final String modelId, final String mspId, final String x509Id,
                             final String pageSize, final String bookmark) {
        final Identity who = IdentityArgument.of(tx, mspId, x509Id);
        final int size = PageSize.parse(pageSize);
        final Model model = Models.load(ledger, Ids.checkModel(modelId));
        final Ledger.Slice slice = ledger.page(Key.of(Keys.UPDATE_BY_STATUS, modelId, UpdateStatus.PENDING.wire()), size, bookmark);
        final List<JsonElement> items = new ArrayList<>();
        for (final String id : slice.values()) {
            final Update u = Updates.load(ledger, id);
            if (!u.submitter().equals(who) && ledger.readText(Keys.score(u.id(), who)).isEmpty()) {
                items.add(JsonCodec.tree(u));
            }
        }
        return new Listed(model, new Page(items, slice.bookmark(), items.size()));
    }
}

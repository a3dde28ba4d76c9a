package dln.chaincode.query;

import com.google.gson.JsonElement;
import dln.chaincode.json.Fields;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.json.StrictJson;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Models;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import dln.chaincode.update.Update;
import dln.api.UpdateStatus;
import dln.chaincode.update.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** ListUpdates, GetChildren and GetDag: each picks the index whose prefix is its filter and pages over it. */
public final class UpdateListing {

    private UpdateListing() {
    }

    public static Page list(final Ledger ledger, final String queryJson) {
        final Fields f = Fields.of(StrictJson.object(queryJson, "query", 4096), "query", "modelId", "round", "status", "pageSize", "bookmark");
        final String modelId = Ids.checkModel(f.text("modelId", 1, 64));
        final int pageSize = (int) f.integer("pageSize", 1, PageSize.MAX);
        final String bookmark = f.has("bookmark") ? f.text("bookmark", 0, 1024) : "";
        final String status = f.has("status") ? statusFilter(f) : null;
        final Key prefix;
        if (f.has("round")) {
            final String round = Keys.round((int) f.integer("round", 1, 999_999));
            prefix = status == null ? Key.of(Keys.UPDATE_BY_ROUND, modelId, round) : Key.of(Keys.UPDATE_BY_ROUND_STATUS, modelId, round, status);
        } else {
            prefix = status == null ? Key.of(Keys.UPDATE_BY_MODEL, modelId) : Key.of(Keys.UPDATE_BY_STATUS, modelId, status);
        }
        Models.load(ledger, modelId);
        return page(ledger, prefix, pageSize, bookmark, JsonCodec::tree);
    }

    public static Page children(final Ledger ledger, final String modelId, final String parentId, final String pageSize, final String bookmark) {
        final int size = PageSize.parse(pageSize);
        Models.load(ledger, modelId);
        if (!Ids.INITIAL.equals(parentId)) {
            Updates.load(ledger, parentId);
        }
        return page(ledger, Key.of(Keys.CHILD, modelId, parentId), size, bookmark, JsonCodec::tree);
    }

    public static Page dag(final Ledger ledger, final String modelId, final String pageSize, final String bookmark) {
        final int size = PageSize.parse(pageSize);
        Models.load(ledger, modelId);
        return page(ledger, Key.of(Keys.UPDATE_BY_MODEL, modelId), size, bookmark, u -> JsonCodec.tree(DagNode.of(u)));
    }

    /** Accepted updates, best combined score first (ties: earliest submitted first). */
    public static Page best(final Ledger ledger, final String modelId, final String pageSize, final String bookmark) {
        final int size = PageSize.parse(pageSize);
        Models.load(ledger, modelId);
        return page(ledger, Key.of(Keys.UPDATE_BY_RANK, modelId), size, bookmark, JsonCodec::tree);
    }

    /** Accepted updates, most recently decided first. */
    public static Page recent(final Ledger ledger, final String modelId, final String pageSize, final String bookmark) {
        final int size = PageSize.parse(pageSize);
        Models.load(ledger, modelId);
        return page(ledger, Key.of(Keys.UPDATE_RECENT, modelId), size, bookmark, JsonCodec::tree);
    }

    private static Page page(final Ledger ledger, final Key prefix, final int pageSize, final String bookmark,
                             final Function<Update, JsonElement> view) {
        final Ledger.Slice slice = ledger.page(prefix, pageSize, bookmark);
        final List<JsonElement> items = new ArrayList<>();
        for (final String id : slice.values()) {
            items.add(view.apply(Updates.load(ledger, id)));
        }
        return new Page(items, slice.bookmark(), items.size());
    }

    private static String statusFilter(final Fields f) {
        final String s = f.text("status", 1, 16);
        for (final UpdateStatus st : UpdateStatus.values()) {
            if (st.wire().equals(s)) {
                return s;
            }
        }
        throw Violation.of(Rule.INVALID_FIELD, "query.status must be pending, accepted, rejected or expired, got '" + s + "'");
    }
}

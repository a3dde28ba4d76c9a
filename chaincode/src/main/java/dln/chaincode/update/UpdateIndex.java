package dln.chaincode.update;

import dln.api.UpdateStatus;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Metric;
import java.time.Instant;
import java.util.Locale;

/** Writes an update with every index that serves a query, and moves the status indexes when it is decided. */
public final class UpdateIndex {

    private UpdateIndex() {
    }

    private static String time(final Update u) {
        return Keys.time(Instant.parse(u.submittedAt()));
    }

    public static Key byStatus(final Update u, final UpdateStatus status) {
        return Key.of(Keys.UPDATE_BY_STATUS, u.modelId(), status.wire(), time(u), u.id());
    }

    public static Key byRoundStatus(final Update u, final UpdateStatus status) {
        return Key.of(Keys.UPDATE_BY_ROUND_STATUS, u.modelId(), Keys.round(u.round()), status.wire(), time(u), u.id());
    }

    public static void create(final Ledger ledger, final Update u, final String normalCid) {
        ledger.put(Keys.update(u.id()), u);
        ledger.index(Key.of(Keys.UPDATE_BY_MODEL, u.modelId(), time(u), u.id()), u.id());
        ledger.index(byStatus(u, u.status()), u.id());
        if (u.round() > 0) {
            ledger.index(Key.of(Keys.UPDATE_BY_ROUND, u.modelId(), Keys.round(u.round()), time(u), u.id()), u.id());
            ledger.index(byRoundStatus(u, u.status()), u.id());
            ledger.index(Keys.provider(u.modelId(), u.round(), u.submitter()), u.id());
        }
        // Newest first, so a provider finds its last update in one key whatever it submitted before.
        ledger.index(Key.of(Keys.UPDATE_BY_SUBMITTER, u.modelId(), u.submitter().mspId(), u.submitter().x509Id(),
                Keys.reverseTime(Instant.parse(u.submittedAt())), u.id()), u.id());
        for (final String parent : u.parents()) {
            ledger.index(Key.of(Keys.CHILD, u.modelId(), parent, u.id()), u.id());
        }
        ledger.index(Keys.weights(u.modelId(), normalCid), u.id());
    }

    /**
     * A score as a fixed-width string whose key order is best first: accuracy descending, loss,
     * RMSE and MAE ascending. Formatted with Locale.ROOT so every peer writes the same key.
     */
    public static String rank(final Metric metric, final double score) {
        return !metric.higherIsBetter()
                ? String.format(Locale.ROOT, "%026.15f", score)
                : String.format(Locale.ROOT, "%.15f", 1.0 - score);
    }

    /** The indexes that exist only for accepted updates: best-first (the gossip head) and newest-first. */
    public static void accepted(final Ledger ledger, final Metric metric, final Update u) {
        ledger.index(Key.of(Keys.UPDATE_BY_RANK, u.modelId(), rank(metric, u.score()), time(u), u.id()), u.id());
        ledger.index(Key.of(Keys.UPDATE_RECENT, u.modelId(), Keys.reverseTime(Instant.parse(u.decidedAt())), u.id()), u.id());
    }

    public static void transition(final Ledger ledger, final Update before, final Update after) {
        ledger.delete(byStatus(before, before.status()));
        ledger.index(byStatus(after, after.status()), after.id());
        if (after.round() > 0) {
            ledger.delete(byRoundStatus(before, before.status()));
            ledger.index(byRoundStatus(after, after.status()), after.id());
        }
        ledger.put(Keys.update(after.id()), after);
    }
}

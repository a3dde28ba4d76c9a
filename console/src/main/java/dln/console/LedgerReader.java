package dln.console;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.Rule;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.ReputationView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the pages read, through the typed ledger calls of one member's identity and the
 * {@link LedgerCache}. Only queries: the console has no way to write.
 */
final class LedgerReader {

    private final DlnLedger ledger;
    private final LedgerCache cache;

    LedgerReader(final DlnLedger ledger) {
        this.ledger = ledger;
        this.cache = new LedgerCache(ledger.events(), Duration.ofSeconds(10));
    }

    /** Who the console reads as. */
    LedgerIdentity identity() {
        return ledger.identity();
    }

    DlnLedger ledger() {
        return ledger;
    }

    /** The ledger's change counter (the SSE feed's event number). */
    long generation() {
        return cache.generation();
    }

    List<ModelView> models() {
        return cache.get("models", ledger::listModels);
    }

    /** Empty for an id the ledger does not know (the caller has checked its form). */
    Optional<ModelView> model(final String id) {
        return cache.get("model " + id, () -> ledger.findModel(id));
    }

    /** Every update of a model, in submission order. */
    List<UpdateView> updates(final String modelId) {
        return cache.get("updates " + modelId, () -> ledger.listUpdates(modelId, 0, null));
    }

    Optional<UpdateView> update(final String id) {
        return cache.get("update " + id, () -> {
            try {
                return Optional.of(ledger.getUpdate(id));
            } catch (LedgerException e) {
                if (e.is(Rule.UPDATE_NOT_FOUND)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The scores of {@code u}; kept for good once it is decided (no score can join then). */
    List<ScoreView> scores(final UpdateView u) {
        return cache.getFinal("scores " + u.id(), () -> ledger.getScores(u.id()), !u.pending());
    }

    /** A federated model's rounds 1..current (with disputes), oldest first. */
    List<DlnLedger.RoundRecord> rounds(final ModelView m) {
        if (!m.federated() || m.currentRound() < 1) {
            return List.of();
        }
        return cache.get("rounds " + m.id() + " " + m.currentRound(), () -> {
            final List<DlnLedger.RoundRecord> all = new ArrayList<>();
            for (int r = 1; r <= m.currentRound(); r++) {
                all.add(ledger.getRoundRecord(m.id(), r));
            }
            return List.copyOf(all);
        });
    }

    ReputationView reputation(final LedgerIdentity who) {
        return cache.get("reputation " + who.mspId() + " " + who.x509Id(), () -> ledger.getReputation(who));
    }

    /** Anything else worth remembering until the next change (the laid-out DAG). */
    <T> T remember(final String key, final java.util.function.Supplier<T> compute) {
        return cache.get(key, compute);
    }
}

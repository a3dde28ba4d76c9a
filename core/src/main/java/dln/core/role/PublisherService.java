package dln.core.role;

import dln.api.DlnLedger;
import dln.api.LedgerEvents;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.protocol.ProtocolException;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A publisher's whole behaviour: publish a model, then follow it on the ledger, woken by its
 * events: until the committee opens or declines it, until a round closes, until updates are
 * decided. Waiting gives up after {@code patience} with WAIT_TIMED_OUT.
 */
public final class PublisherService {

    private static final Duration RECHECK = Duration.ofMillis(250);

    private final PublisherWorkflow publisher;
    private final DlnLedger ledger;
    private final LedgerEvents events;
    /**
     * The transactions that close a round: a round's close is all {@link #awaitRoundClosed} waits
     * for, and every other event of a round (its submissions, scores, records) woke it to read the
     * round again, 5 reads a round on the network (2026-12-05).
     */
    private final LedgerEvents closings;
    private final Duration patience;

    public PublisherService(final PublisherWorkflow publisher, final DlnLedger ledger, final LedgerEvents events, final Duration patience) {
        this.publisher = publisher;
        this.ledger = ledger;
        this.events = events;
        this.closings = events.only(PublisherService::closesARound);
        this.patience = patience;
    }

    /** Whether a transaction that made {@code changes} (their event names) closed a round. */
    static boolean closesARound(final java.util.Set<String> changes) {
        return changes.contains(dln.api.EventName.RoundClosed.name());
    }

    /** Publishes with initial weights from the spec's seed; the model starts as proposed. */
    public ModelView publish(final PublicationRequest r) {
        return publisher.publish(r);
    }

    /** Publishes starting from {@code initialWeights}; the model starts as proposed. */
    public ModelView publish(final PublicationRequest r, final float[] initialWeights) {
        return publisher.publish(r, initialWeights);
    }

    /** Publishes a model whose rounds aggregate masked updates (docs/privacy.md). */
    public ModelView publish(final PublicationRequest r, final float[] initialWeights, final ModelView.SecureAggregation secure) {
        return publisher.publish(r, initialWeights, secure);
    }

    /** Waits until the committee opens the model; MODEL_DECLINED when it declines it instead. */
    public ModelView awaitOpen(final String modelId) throws InterruptedException {
        await(() -> {
            final ModelStatus s = ledger.getModel(modelId).status();
            if (s == ModelStatus.DECLINED) {
                throw new ProtocolException("MODEL_DECLINED", "the committee declined model " + modelId + ": "
                        + ledger.getModel(modelId).votes().stream().filter(v -> !v.approve()).map(ModelView.Vote::reason).toList());
            }
            return s == ModelStatus.OPEN;
        }, "model " + modelId + " to open");
        return ledger.getModel(modelId);
    }

    /** Waits until round {@code round} of a federated model closes; returns it. */
    public RoundView awaitRoundClosed(final String modelId, final int round) throws InterruptedException {
        final RoundView[] last = new RoundView[1];
        await(closings, () -> (last[0] = ledger.getRound(modelId, round)).closed(), "round " + round + " of " + modelId + " to close");
        return last[0];
    }

    /** Waits until none of {@code updateIds} is pending; returns them as decided. */
    public List<UpdateView> awaitDecided(final List<String> updateIds) throws InterruptedException {
        await(() -> updateIds.stream().noneMatch(id -> ledger.getUpdate(id).pending()), "the committee's decisions on " + updateIds.size() + " update(s)");
        return updateIds.stream().map(ledger::getUpdate).toList();
    }

    private void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        await(events, condition, what);
    }

    private void await(final LedgerEvents on, final BooleanSupplier condition, final String what) throws InterruptedException {
        if (!on.until(condition, RECHECK, patience)) {
            throw new ProtocolException("WAIT_TIMED_OUT", "gave up waiting for " + what + " after " + patience.toSeconds() + " s");
        }
    }
}

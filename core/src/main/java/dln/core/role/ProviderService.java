package dln.core.role;

import dln.api.LedgerEvents;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.ProviderWorkflow;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A data provider's whole behaviour: federated, contribute once to each round as it opens;
 * gossip, one update after another on parents chosen from the recent accepted ones. What this
 * identity already recorded comes from the ledger, so a provider restarted after a crash never
 * submits twice to a round.
 */
public final class ProviderService {

    /** How a contribution loop ended. */
    public enum Stop { DONE, MODEL_FINAL }

    private final ProviderWorkflow provider;
    private final LedgerEvents events;
    private final Duration recheck;

    /** @param recheck the longest wait between looks for a new round; an event wakes the provider sooner */
    public ProviderService(final ProviderWorkflow provider, final LedgerEvents events, final Duration recheck) {
        this.provider = provider;
        this.events = events;
        this.recheck = recheck;
    }

    /** The provider's step logic. */
    public ProviderWorkflow provider() {
        return provider;
    }

    /**
     * Makes {@code steps} contributions to {@code modelId}, each reported to {@code done}: waits
     * for the model to open and, in federated mode, for a round this identity has not yet
     * contributed to. Stops early when the model is closed or declined.
     */
    public Stop contribute(final String modelId, final int steps, final Consumer<ProviderWorkflow.Outcome> done) throws InterruptedException {
        int made = 0;
        while (made < steps) {
            final long seen = events.generation();
            final ModelView m = provider.participant().ledger().getModel(modelId);
            if (m.is(ModelStatus.CLOSED) || m.is(ModelStatus.DECLINED)) {
                return Stop.MODEL_FINAL;
            }
            final Optional<ProviderWorkflow.Outcome> step = m.is(ModelStatus.OPEN) ? stepNow(m) : Optional.empty();
            if (step.isPresent()) {
                done.accept(step.get());
                made++;
            } else {
                events.awaitAfter(seen, recheck);
            }
        }
        return Stop.DONE;
    }

    /**
     * One step now, without waiting, on an open model: federated, to the current round (empty when
     * this identity already contributed to it); gossip, one more update.
     */
    public Optional<ProviderWorkflow.Outcome> stepNow(final ModelView open) {
        return open.federated()
                ? provider.federatedStep(open.id())
                : Optional.of(provider.gossipStep(open.id(), ParentSelector.recent(open.higherIsBetter())));
    }

    /** One contribution (the next round's, or one gossip update), or empty when the model became final first. */
    public Optional<ProviderWorkflow.Outcome> contributeOnce(final String modelId) throws InterruptedException {
        final ProviderWorkflow.Outcome[] made = new ProviderWorkflow.Outcome[1];
        return contribute(modelId, 1, o -> made[0] = o) == Stop.DONE ? Optional.of(made[0]) : Optional.empty();
    }
}

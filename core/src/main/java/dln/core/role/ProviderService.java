package dln.core.role;

import dln.api.EventName;
import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.ProviderWorkflow;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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

    /** How often at most a provider says what it waits for. */
    private static final Duration SAY_EVERY = Duration.ofSeconds(10);

    /**
     * Changes that never give a waiting provider a step to make: other providers' submissions and
     * abstentions, scores, a round's set fixed, a vote or a publication that opens nothing. A
     * transaction made of these alone does not wake it. Each wake-up is a GetProviderWork call:
     * with every event waking every waiting provider, a round of n providers cost about n times
     * its own transactions in calls (n^2 as the consortium grows). A round that opens or closes,
     * a decision (it changes a gossip DAG), an aggregate recorded, a model opened or ended, a
     * secure round's step, and anything unknown wake it, as does its recheck.
     */
    private static final Set<String> NO_WORK = Set.of(
            EventName.UpdateSubmitted.name(), EventName.UpdateScored.name(), EventName.RoundScoring.name(),
            EventName.RoundAbstained.name(), EventName.ModelVoteRecorded.name(), EventName.ModelPublished.name());
    private static final java.util.function.Predicate<Set<String>> WAKES = LedgerEvents.anyChangeOutside(NO_WORK);

    private final ProviderWorkflow provider;
    private final LedgerEvents events;
    private final Duration recheck;
    private final Consumer<String> waiting;

    /** @param recheck the longest wait between looks for a new round; an event wakes the provider sooner */
    public ProviderService(final ProviderWorkflow provider, final LedgerEvents events, final Duration recheck) {
        this(provider, events, recheck, line -> { });
    }

    /**
     * @param recheck the longest wait between looks for a new round; an event wakes the provider sooner
     * @param waiting told what the provider waits for (the committee, more updates), at most every 10 s
     */
    public ProviderService(final ProviderWorkflow provider, final LedgerEvents events, final Duration recheck, final Consumer<String> waiting) {
        this.provider = provider;
        this.events = events.only(WAKES);
        this.recheck = recheck;
        this.waiting = waiting;
    }

    /** Whether a transaction that made {@code changes} (their event names) may give a waiting provider a step. */
    static boolean mayGiveWork(final Set<String> changes) {
        return WAKES.test(changes);
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
        long said = System.nanoTime() - SAY_EVERY.toNanos();
        while (made < steps) {
            final long seen = events.generation();
            // The model with its round, this provider's newest update and the round's parents, in one
            // call. Between steps a provider only reads, so an outage is waited out, as the committee's serve does.
            final Optional<dln.api.DlnLedger.ProviderWork> read = OutageWait.read(
                    () -> provider.participant().ledger().providerWork(modelId, provider.participant().identity()), events, seen, recheck, waiting);
            if (read.isEmpty()) {
                continue;
            }
            final dln.api.DlnLedger.ProviderWork work = read.get();
            final ModelView m = work.model();
            if (m.is(ModelStatus.CLOSED) || m.is(ModelStatus.DECLINED)) {
                return Stop.MODEL_FINAL;
            }
            final Optional<ProviderWorkflow.Outcome> step = m.is(ModelStatus.OPEN) ? stepNow(work) : Optional.empty();
            if (step.isPresent()) {
                done.accept(step.get());
                made++;
                if (step.get().passed()) {
                    // Its next step would start where this one did until others' work changes the DAG.
                    events.awaitAfter(seen, recheck);
                }
            } else {
                if (System.nanoTime() - said >= SAY_EVERY.toNanos()) {
                    try {
                        waiting.accept(whatWeWaitFor(m));
                    } catch (LedgerException e) {
                        if (!e.isOutage()) {
                            throw e;
                        }
                    }
                    said = System.nanoTime();
                }
                events.awaitAfter(seen, recheck);
            }
        }
        return Stop.DONE;
    }

    /** Why no step can be made now, in words. */
    private String whatWeWaitFor(final ModelView m) {
        if (m.is(ModelStatus.PROPOSED)) {
            return "model " + m.id() + " is proposed: waiting for its committee to approve it";
        }
        final int round = m.currentRound();
        final java.util.List<dln.api.view.UpdateView> in = provider.participant().ledger().listUpdates(m.id(), round, null);
        final long decided = in.stream().filter(u -> !u.pending()).count();
        final int needed = m.rounds().minUpdates();
        // Providers that abstained (nothing left to learn) took their turn too.
        final int abstained = m.acceptance().byContribution()
                ? provider.participant().ledger().getRoundRecord(m.id(), round).abstentions().size() : 0;
        final int turns = in.size() + abstained;
        return "round " + round + " of " + m.id() + ": this provider took its turn; " + in.size() + " of the " + needed
                + " update(s) it needs are in" + (abstained > 0 ? " (and " + abstained + " abstention(s))" : "") + ", " + decided + " decided"
                + (turns < needed ? "; waiting for " + (needed - turns) + " more provider(s)" : "; waiting for the committee's quorum")
                + " (or the deadline, " + m.rounds().deadlineSeconds() + " s after it opened)";
    }

    /**
     * One step now, without waiting, on an open model: federated, to the current round (empty when
     * this identity already contributed to it); gossip, one more update.
     */
    public Optional<ProviderWorkflow.Outcome> stepNow(final ModelView open) {
        return stepNow(provider.participant().ledger().providerWork(open.id(), provider.participant().identity()));
    }

    /** As {@link #stepNow(ModelView)} on what the step needs as it was just read. */
    public Optional<ProviderWorkflow.Outcome> stepNow(final dln.api.DlnLedger.ProviderWork work) {
        final ModelView open = work.model();
        return open.federated()
                ? provider.federatedStep(work)
                : Optional.of(provider.gossipStep(open.id(), ParentSelector.recent(open.higherIsBetter())));
    }

    /** One contribution (the next round's, or one gossip update), or empty when the model became final first. */
    public Optional<ProviderWorkflow.Outcome> contributeOnce(final String modelId) throws InterruptedException {
        final ProviderWorkflow.Outcome[] made = new ProviderWorkflow.Outcome[1];
        return contribute(modelId, 1, o -> made[0] = o) == Stop.DONE ? Optional.of(made[0]) : Optional.empty();
    }
}

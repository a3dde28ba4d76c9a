package dln.core.role;

import dln.api.DlnLedger;
import dln.api.EventName;
import dln.api.LedgerEvents;
import dln.api.ModelStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.UpdateReview;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A committee member's whole behaviour: vote on proposed models naming it, then score every
 * pending update of its open models, again after every ledger event. Each pass reads what is
 * left to do from the ledger, so a member restarted at any point resumes where it stopped and
 * scores each update exactly once (the chaincode refuses a second score anyway).
 */
public final class CommitteeService {

    /** Which models a member looks after. */
    @FunctionalInterface
    public interface Scope {
        /** The ids of the models to look at in this pass. */
        List<String> modelIds(CommitteeWorkflow member);

        /** Every proposed or open model naming the member (the committee client). */
        static Scope everyModelNamingMe() {
            return m -> {
                final LedgerIdentity self = m.participant().identity();
                return m.participant().ledger().listModels().stream()
                        .filter(x -> x.member(self).isPresent() && (x.is(ModelStatus.PROPOSED) || x.is(ModelStatus.OPEN))).map(ModelView::id).toList();
            };
        }

        /** The models whose ids {@code ids} returns at each pass (a session that publishes as it goes). */
        static Scope models(final java.util.function.Supplier<? extends java.util.Collection<String>> ids) {
            return m -> List.copyOf(ids.get());
        }
    }

    private static final Duration AFTER_FAILURE = Duration.ofMillis(500);

    /**
     * `committee serve`'s longest wait between passes when nothing wakes it (events missed while
     * the stream reconnects): a ledger event that may give it work, or a weight file fetched in the
     * background that arrives or fails, wakes it at once.
     */
    public static final Duration SERVE_RECHECK = Duration.ofSeconds(30);

    /**
     * Changes that never give a member anything to do: scores and decisions (a member's work only
     * shrinks with them), a round opened with nothing in it yet or closed, an aggregate recorded.
     * A transaction made of these alone does not wake the member: on a real network each wake-up
     * was a pass of three ledger reads (one since GetMemberWork), and the passes after the round-closing score batch met the
     * next round's start on the peers (3.5 of every 7.5 wake-ups per member and round were these,
     * measured 2026-12-04 night). Anything else wakes it, an unknown change included.
     */
    private static final java.util.Set<String> NO_WORK = java.util.Set.of(
            EventName.UpdateScored.name(), EventName.UpdateAccepted.name(), EventName.UpdateRejected.name(),
            EventName.UpdateExpired.name(), EventName.RoundOpened.name(), EventName.RoundClosed.name(),
            EventName.AggregateRecorded.name());
    private static final java.util.function.Predicate<java.util.Set<String>> WAKES = LedgerEvents.anyChangeOutside(NO_WORK);

    private final CommitteeWorkflow member;
    private final LedgerEvents events;
    private final Scope scope;

    public CommitteeService(final CommitteeWorkflow member, final LedgerEvents events, final Scope scope) {
        this.member = member;
        this.events = events.only(WAKES);
        this.scope = scope;
    }

    /** Whether a transaction that made {@code changes} (their event names) may give a member something to do. */
    static boolean mayGiveWork(final java.util.Set<String> changes) {
        return WAKES.test(changes);
    }

    /** The member's identity and handles. */
    public CommitteeWorkflow member() {
        return member;
    }

    /**
     * One pass over the scope: votes first, so a model waiting for its committee is not held up
     * by a backlog of updates to score elsewhere; then scores. Returns the reviews made.
     */
    public List<UpdateReview> pass() {
        // One call per model: the model, its current round and what is left to score, from one state.
        final List<DlnLedger.MemberWork> work = scope.modelIds(member).stream()
                .map(id -> member.participant().ledger().memberWork(id, member.participant().identity())).toList();
        // A vote that fails (a refused call) fails its model only: the others' votes and every
        // model's scores still go ahead in this pass, and the failure is reported after them.
        final java.util.Map<String, RuntimeException> failed = new java.util.LinkedHashMap<>();
        for (DlnLedger.MemberWork w : work) {
            if (w.model().is(ModelStatus.PROPOSED)) {
                try {
                    member.reviewModel(w.model());
                } catch (RuntimeException e) {
                    failed.put(w.model().id(), e);
                }
            }
        }
        // A model this pass voted on is read again: the vote may have opened it. Every model's work
        // in one call: what they all have to fetch is fetched side by side.
        final List<DlnLedger.MemberWork> scoring = work.stream()
                .map(w -> w.model().is(ModelStatus.PROPOSED) ? member.participant().ledger().memberWork(w.model().id(), member.participant().identity()) : w)
                .toList();
        List<UpdateReview> done;
        try {
            done = member.scorePending(scoring);
        } catch (CommitteeWorkflow.PassFailed e) {
            failed.putAll(e.failures());
            done = e.done();
        }
        if (!failed.isEmpty()) {
            throw new CommitteeWorkflow.PassFailed(done, failed);
        }
        return done;
    }

    /**
     * Passes until {@code running} turns false: one at once, then one after each ledger event
     * that may give it work or each weight file a pass left to the background that arrives or
     * fails (or every {@code recheck} at the latest). A failed pass is reported to {@code failures}
     * and tried again; reviews go to {@code reviews} as they are made.
     */
    public void serve(final BooleanSupplier running, final Duration recheck, final Consumer<UpdateReview> reviews,
            final Consumer<RuntimeException> failures) throws InterruptedException {
        while (running.getAsBoolean()) {
            final long seen = events.generation();
            final long fetched = member.fetchesEnded();
            try {
                pass().forEach(reviews);
            } catch (RuntimeException e) {
                if (e instanceof CommitteeWorkflow.PassFailed some) {
                    some.done().forEach(reviews); // the models that did not fail were served
                }
                failures.accept(e);
                Thread.sleep(AFTER_FAILURE.toMillis());
            }
            awaitWork(seen, fetched, recheck);
        }
    }

    /** The time between looks at the background fetches while some run: in-process counters only, no ledger read. */
    private static final Duration FETCH_LOOK = Duration.ofMillis(100);

    /** Waits for a ledger event after {@code seen}, a background fetch ended after {@code fetched}, or {@code recheck}. */
    private void awaitWork(final long seen, final long fetched, final Duration recheck) throws InterruptedException {
        final long until = System.nanoTime() + recheck.toNanos();
        while (true) {
            final long left = until - System.nanoTime();
            if (left <= 0 || events.generation() != seen || member.fetchesEnded() != fetched) {
                return;
            }
            // The ledger's events wake at once; a fetch's end is looked for every FETCH_LOOK while one runs.
            events.awaitAfter(seen, member.fetching() ? Duration.ofNanos(Math.min(left, FETCH_LOOK.toNanos())) : Duration.ofNanos(left));
        }
    }
}

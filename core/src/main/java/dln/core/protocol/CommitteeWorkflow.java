package dln.core.protocol;

import dln.api.Rule;
import dln.api.ModelStatus;
import dln.core.crypto.Digests;
import dln.core.crypto.FragmentCipher;
import dln.core.data.Dataset;
import dln.core.data.DatasetCodec;
import dln.core.evaluation.Evaluator;
import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A committee member: approves or declines a proposed model after checking it can decrypt its
 * fragment and the model is sane, then scores every update of the model on its fragment.
 * Everything it does is checked against the ledger first, so a restarted member scores each
 * update exactly once.
 */
public final class CommitteeWorkflow {

    /** The largest encrypted fragment a member fetches. */
    public static final int MAX_FRAGMENT_BYTES = 64 * 1024 * 1024;

    private final Participant me;
    private final PrivateKey key;
    private final SanityLimits limits;
    private final Consumer<String> log;
    private final Aggregates aggregates;
    private final Map<String, Dataset> fragments = new HashMap<>();
    private final ModelContexts contexts = new ModelContexts();
    private final Map<String, Evaluator> evaluators = new HashMap<>();
    private final Map<String, Double> baselines = new HashMap<>();
    private final java.time.Clock clock;
    // The cores this member's measurement may take: members sharing a machine take its cores in turn.
    private final java.util.concurrent.Semaphore cores;
    // When this member first failed to fetch each update's weights (by update id): the patience runs from there.
    private final Map<String, Waiting> unavailableSince = new java.util.concurrent.ConcurrentHashMap<>();
    // What the current pass fetched, could not fetch, or left to the background.
    private final PassFetches fetches;

    /** How many weight files a pass fetches at once (see {@link dln.core.storage.BackgroundFetches}). */
    static final int PARALLEL_FETCHES = 8;

    /**
     * The longest a pass waits for the weight files it fetches: content still being looked for
     * after it is fetched on in the background, and a later pass (woken when the fetch ends, see
     * {@link #fetchesEnded()}) scores it. A file a node holds arrives in milliseconds on one host;
     * content no node provides takes Kubo's find timeout (15 s) to fail, and a pass that waited for
     * it held every round of every model this member serves.
     */
    public static final java.time.Duration DEFAULT_FETCH_WAIT = java.time.Duration.ofSeconds(2);

    /**
     * The fetch wait of a caller that passes once (`committee review`, a bench's one-off pass): no
     * later pass picks up what it would leave to the background, so it waits for every fetch (each
     * ends by the node's find timeout, 15 s, or the client's retries when the node is down).
     */
    public static final java.time.Duration ONE_PASS_FETCH_WAIT = java.time.Duration.ofMinutes(5);

    /** A member that passes once ({@link #ONE_PASS_FETCH_WAIT}), on a machine of its own. */
    public static CommitteeWorkflow forOnePass(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log) {
        return new CommitteeWorkflow(me, key, limits, log, ONE_PASS_FETCH_WAIT);
    }

    /**
     * How many slices of {@link #PARALLEL_FETCHES} files a pass fetches for a model's updates scored
     * one by one (gossip, or the threshold policy), past those fetched with every model's first,
     * before it leaves the rest of a backlog to the next pass: content no node provides costs a
     * slice a find timeout (15 s), and the models after it wait for the pass to end (160 such
     * updates, left pending by `./dln bench ledger`, held a new model's first round 390 s in
     * `./dln bench chaos`). A round's set under the contribution policy is fetched whole: it is
     * measured together, and its size is the round's.
     */
    static final int SLICES_PER_MODEL = 1;

    private record Waiting(String modelId, java.time.Instant since) {}
    // A round's start and the one before it, for a few models at once.
    private final dln.core.storage.VectorCache parentAggregates = new dln.core.storage.VectorCache(32L << 20);
    // Reviews made (sanity and standalone score) by update id: an update is reviewed as soon as it is
    // seen, while its round still takes submissions, so that when the set is fixed only the
    // leave-one-out measurement is left. A review is a function of the update, its parents and this
    // member's fragment, all fixed once the update is on the ledger.
    private final Map<String, UpdateReview> reviews = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, UpdateReview> eldest) {
            return size() > 4096;
        }
    };
    // The contributions measured in the last few scoring rounds, by model|round.
    private final Map<String, RoundContributions> contributions = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, RoundContributions> eldest) {
            return size() > 8;
        }
    };

    public CommitteeWorkflow(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log) {
        this(me, key, limits, log, java.time.Clock.systemUTC());
    }

    /** @param clock "now" for the patience with unavailable content (a test's clock need not sleep) */
    public CommitteeWorkflow(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log,
                             final java.time.Clock clock) {
        this(me, key, limits, log, clock, ownMachine());
    }

    /** A member on a machine of its own whose passes wait at most {@code fetchWait} for the weight files they fetch. */
    public CommitteeWorkflow(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log,
                             final java.time.Duration fetchWait) {
        this(me, key, limits, log, java.time.Clock.systemUTC(), ownMachine(), fetchWait);
    }

    /** The cores of a member on a machine of its own: its measurement never waits for another member's. */
    private static java.util.concurrent.Semaphore ownMachine() {
        return new java.util.concurrent.Semaphore(Integer.MAX_VALUE);
    }

    /**
     * A member sharing a machine with other members: its measurement of a round's contributions
     * takes one of {@code cores}' permits (one per core, shared by the members). Three members of
     * a session measured at once on two cores, and the round waited for the two of them whose
     * batches bring the quorum: each had two thirds of a core or less (0.4-0.65 s each at load 12,
     * 2026-12-04 night); two at a time, the first two have a core each and the third follows.
     */
    public CommitteeWorkflow(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log,
                             final java.time.Clock clock, final java.util.concurrent.Semaphore cores) {
        this(me, key, limits, log, clock, cores, DEFAULT_FETCH_WAIT);
    }

    /** As above, waiting at most {@code fetchWait} a pass for the weight files it fetches ({@link #DEFAULT_FETCH_WAIT}). */
    public CommitteeWorkflow(final Participant me, final PrivateKey key, final SanityLimits limits, final Consumer<String> log,
                             final java.time.Clock clock, final java.util.concurrent.Semaphore cores, final java.time.Duration fetchWait) {
        this.fetches = new PassFetches(me.store(), fetchWait);
        this.cores = cores;
        this.me = me;
        this.clock = clock;
        this.key = key;
        this.limits = limits;
        this.log = log;
        this.aggregates = new Aggregates(me, log);
    }

    /** The member's identity and handles. */
    public Participant participant() {
        return me;
    }

    /**
     * How many of the weight files this member's passes left to the background have arrived or
     * failed so far: a member waiting for its next pass wakes when it grows, as for a ledger event.
     */
    public long fetchesEnded() {
        return fetches.ended();
    }

    /** Whether weight files a pass left are still being fetched in the background. */
    public boolean fetching() {
        return fetches.busy();
    }

    /** Votes on a proposed model naming this member; empty when there is nothing to do. */
    public Optional<Boolean> reviewModel(final ModelView model) {
        final LedgerIdentity self = me.identity();
        if (model.status() != ModelStatus.PROPOSED || model.member(self).isEmpty() || model.hasVoted(self)) {
            return Optional.empty();
        }
        final String problem = modelProblem(model);
        try {
            if (problem == null) {
                me.ledger().approveModel(model.id());
                // What the member approved includes how every provider will train: say it.
                log.accept("approved model " + model.id() + " with its training recipe "
                        + (model.recipeHash() == null ? "(default)" : model.recipeHash().substring(0, 12)) + " ("
                        + dln.core.model.TrainingSpec.of(model.trainingRecipe()).describe() + ")");
                return Optional.of(true);
            }
            me.ledger().declineModel(model.id(), problem);
            log.accept("declined model " + model.id() + ": " + problem);
            return Optional.of(false);
        } catch (LedgerException e) {
            if (e.is(Rule.ALREADY_VOTED) || e.is(Rule.MODEL_NOT_PROPOSED)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String modelProblem(final ModelView model) {
        final ModelContext ctx;
        try {
            ctx = contexts.of(model);
        } catch (ProtocolException e) {
            return e.getMessage();
        }
        if (ctx.parameterCount() > limits.maxParameters()) {
            return "architecture has " + ctx.parameterCount() + " parameters; this member's limit is " + limits.maxParameters();
        }
        final Dataset mine;
        try {
            mine = fragment(model);
            me.store().getWeights(model.initialWeightsCid(), ctx.architectureHash(), ctx.parameterCount());
        } catch (Exception e) {
            return e.getMessage();
        }
        // A model its validation data cannot be fed to could never be scored: say so now.
        return ctx.plan().misfit(mine.numFeatures(), mine.numClasses(), "this member's validation fragment").orElse(null);
    }

    /**
     * Scores every pending update of {@code modelId} this member neither submitted nor scored;
     * returns the reviews made. What is left to score comes from the ledger in one call per page
     * of pending updates, however many updates were decided before.
     */
    public List<UpdateReview> scorePending(final String modelId) {
        return scorePending(me.ledger().memberWork(modelId, me.identity()));
    }

    /** As {@link #scorePending(String)} on {@code model}'s id: the pass reads the model again, with its round and what is pending, in one call. */
    public List<UpdateReview> scorePending(final ModelView model) {
        return scorePending(model.id());
    }

    /**
     * As {@link #scorePending(String)} on what the member has to do as it was just read: the model,
     * its current round and what is pending, from one state of the ledger (one call, where a pass
     * read them one after another: a round read open whose set was fixed before the list was read
     * is now never scored in two batches, since both come from the same state).
     */
    public List<UpdateReview> scorePending(final DlnLedger.MemberWork work) {
        return scorePending(List.of(work));
    }

    /**
     * As {@link #scorePending(DlnLedger.MemberWork)} for each model's work in turn, in one pass:
     * what every model has to review is fetched side by side first, so content no node provides
     * costs one find timeout for the pass, however many models it holds up.
     */
    public List<UpdateReview> scorePending(final List<DlnLedger.MemberWork> works) {
        fetches.begin();
        try {
            // The models with least to do first: a backlog on one model does not hold up the
            // others' rounds. Their first files at once (missing content spread over models costs
            // one find timeout, not one a model); the rest a slice at a time as the pass reaches them.
            final List<DlnLedger.MemberWork> ordered = works.stream()
                    .sorted(java.util.Comparator.comparingInt((DlnLedger.MemberWork w) -> w.unscored().size())).toList();
            final List<dln.core.storage.WeightStore.Wanted> first = new ArrayList<>();
            for (final DlnLedger.MemberWork work : ordered) {
                scoring(work.model()).ifPresent(ctx -> first.addAll(toFetch(ctx, work.unscored(), 0)));
            }
            fetches.ahead(first.subList(0, Math.min(first.size(), PARALLEL_FETCHES)));
            final List<UpdateReview> done = new ArrayList<>();
            final Map<String, RuntimeException> failures = new java.util.LinkedHashMap<>();
            for (final DlnLedger.MemberWork work : ordered) {
                // One model's failure (a fragment that does not decrypt, a refused call) does not
                // hold the others': the models after it in the pass, sorted by what they have to
                // do, would otherwise never be scored while it fails. (Content that cannot be
                // fetched is no failure: it waits, see patience.)
                try {
                    done.addAll(scoreListed(work));
                } catch (RuntimeException e) {
                    failures.put(work.model().id(), e);
                }
            }
            if (!failures.isEmpty()) {
                throw new PassFailed(done, failures);
            }
            return done;
        } finally {
            fetches.end();
        }
    }

    /**
     * A pass in which some models' work failed: the others' was done (their reviews, recorded on
     * the ledger, are {@link #done()}); the first failure is the cause, the others suppressed.
     */
    public static final class PassFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient List<UpdateReview> done;
        private final transient Map<String, RuntimeException> failures;

        /** @param failures each failed model's error, by model id, in the pass's order (at least one) */
        public PassFailed(final List<UpdateReview> done, final Map<String, RuntimeException> failures) {
            super(failures.entrySet().stream().map(f -> "model " + f.getKey() + ": " + f.getValue().getMessage())
                    .collect(java.util.stream.Collectors.joining("; ")), failures.values().iterator().next());
            this.done = List.copyOf(done);
            this.failures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failures));
            failures.values().stream().skip(1).forEach(this::addSuppressed);
        }

        /** Each failed model's error, by model id. */
        public Map<String, RuntimeException> failures() {
            return failures;
        }

        /** The reviews the pass made for the models that did not fail. */
        public List<UpdateReview> done() {
            return done;
        }
    }

    /** Whether this member scores {@code model}'s updates now: open, and naming it. */
    private boolean serves(final ModelView model) {
        return model.status() == ModelStatus.OPEN && model.member(me.identity()).isPresent();
    }

    /** Whether this pass has yet to fetch {@code u}'s weights: not reviewed, not fetched side by side already. */
    private boolean stillToFetch(final UpdateView u) {
        return u.weightsCid() != null && !reviews.containsKey(u.id()) && !fetches.fetchedAhead(u.weightsCid());
    }

    /** The model's context when this member scores it now ({@link #serves}, readable); empty otherwise. */
    private Optional<ModelContext> scoring(final ModelView model) {
        if (!serves(model)) {
            return Optional.empty();
        }
        try {
            return Optional.of(contexts.of(model));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    /**
     * The next weight files of {@code unscored}, from {@code from} on, not yet reviewed nor fetched
     * in this pass: at most {@link #PARALLEL_FETCHES}, what one side-by-side fetch takes.
     */
    private List<dln.core.storage.WeightStore.Wanted> toFetch(final ModelContext ctx, final List<UpdateView> unscored, final int from) {
        return unscored.subList(from, unscored.size()).stream().filter(this::stillToFetch).limit(PARALLEL_FETCHES)
                .map(u -> new dln.core.storage.WeightStore.Wanted(u.weightsCid(), ctx.architectureHash(), ctx.parameterCount())).toList();
    }

    private List<UpdateReview> scoreListed(final DlnLedger.MemberWork work) {
        final ModelView model = work.model();
        final String modelId = model.id();
        final List<UpdateReview> done = new ArrayList<>();
        final boolean byRound = model.acceptance().byContribution() && model.federated();
        if (!serves(model) || byRound && work.round() == null) {
            unavailableSince.values().removeIf(w -> w.modelId().equals(modelId));
            return done;
        }
        final ModelContext ctx = contexts.of(model);
        final dln.api.view.RoundView current = byRound ? work.round() : null;
        final List<UpdateView> unscored = work.unscored();
        final Map<Integer, dln.api.view.RoundView> rounds = new HashMap<>();
        if (byRound) {
            // The current round as read is the pass's, not read again for its updates: open, they
            // are reviewed (a later pass finds it scoring); scoring, it stays so until it closes,
            // which the scores then find. A round this pass asked to start scoring is read again.
            startScoringWhenDue(model, current, unscored, work.submitted(), work.abstained()).ifPresent(r -> rounds.put(r.number(), r));
        }
        final Map<String, UpdateReview> reviewed = reviews;
        // Updates decided or expired meanwhile need no patience any more.
        final Map<String, UpdateView> listed = new HashMap<>();
        unscored.forEach(u -> listed.put(u.id(), u));
        unavailableSince.entrySet().removeIf(e -> e.getValue().modelId().equals(modelId) && !listed.containsKey(e.getKey()));
        final Map<Integer, List<Scored>> batches = new java.util.TreeMap<>();
        int slices = 0;
        for (int i = 0; i < unscored.size(); i++) {
            final UpdateView u = unscored.get(i);
            if (stillToFetch(u)) {
                if (!byRound && ++slices > SLICES_PER_MODEL) {
                    break; // the rest of this backlog on the next pass: the other models' work first
                }
                // A slice at a time, scored (and recorded) as the pass goes: a member killed in the
                // middle of a backlog keeps what it recorded, where fetching all of it first (160
                // pending updates of `./dln bench ledger`, 8 at a time: 300 s) recorded nothing.
                fetches.ahead(toFetch(ctx, unscored, i));
            }
            UpdateReview review;
            try {
                if (byRound && rounds.computeIfAbsent(u.round(), r -> me.ledger().getRound(modelId, r)).status() != dln.api.RoundStatus.SCORING) {
                    // Its round still takes submissions: the set to measure against is not fixed
                    // yet, but the update is: fetch and review it now, not once scoring starts.
                    try {
                        reviewed.computeIfAbsent(u.id(), id -> review(ctx, u));
                    } catch (RuntimeException e) {
                        if (ContentUnavailable.causeOf(e) == null) {
                            throw e;
                        }
                        // not fetched yet: scoring fetches again, and its patience starts then
                    }
                    continue;
                }
                review = withContribution(ctx, u, rounds, reviewed, listed);
            } catch (RuntimeException e) {
                final java.io.IOException cause = ContentUnavailable.causeOf(e);
                if (cause == null) {
                    throw e;
                }
                if (ContentUnavailable.stillFetching(e)) {
                    continue; // no verdict yet: a pass after the background fetch ends scores it
                }
                review = patience(u, cause).orElse(null);
                if (review == null) {
                    continue; // not scored on this pass: a later pass fetches again
                }
            }
            final DlnLedger.BatchScore score = review.unavailable() ? DlnLedger.BatchScore.unavailable(u.id(), review.reason())
                    : DlnLedger.BatchScore.of(u.id(), review.score(), fragment(model).size(), review.sane() ? null : review.reason(),
                            review.contribution());
            // A round's scores go in one transaction, under every policy: one block to wait for, not
            // one per update in turn (in gossip every update is of round 0, so a pass's slice is one).
            batches.computeIfAbsent(u.round(), r -> new ArrayList<>()).add(new Scored(score, review));
        }
        for (final List<Scored> round : batches.values()) {
            submitRound(modelId, round, done);
        }
        return done;
    }

    private record Scored(DlnLedger.BatchScore score, UpdateReview review) {}

    /**
     * One SubmitScores per round (in slices of the most one carries). A batch is refused whole
     * when one of its scores is: if another instance of this member, or the round's closing, got
     * there first, the scores of the updates still this member's to score go one by one, each
     * refused or recorded on its own. Which those are is read once: a member whose batch came after
     * the quorum closed the round (one member in most rounds of a three-member committee, measured
     * 2026-12-04) has none left, and no longer sends every score to be refused.
     */
    private void submitRound(final String modelId, final List<Scored> round, final List<UpdateReview> done) {
        for (int from = 0; from < round.size(); from += DlnLedger.MAX_BATCH_SCORES) {
            final List<Scored> slice = round.subList(from, Math.min(round.size(), from + DlnLedger.MAX_BATCH_SCORES));
            try {
                me.ledger().submitScores(slice.stream().map(Scored::score).toList());
                for (final Scored s : slice) {
                    unavailableSince.remove(s.score().updateId());
                    done.add(s.review());
                }
            } catch (LedgerException e) {
                if (!e.is(Rule.DUPLICATE_SCORE) && !e.is(Rule.UPDATE_NOT_PENDING)) {
                    throw e;
                }
                final java.util.Set<String> left = new java.util.HashSet<>();
                me.ledger().listUnscoredBy(modelId, me.identity()).forEach(u -> left.add(u.id()));
                for (final Scored s : slice) {
                    if (left.contains(s.score().updateId())) {
                        submit(s.score(), s.review(), done);
                    } else {
                        unavailableSince.remove(s.score().updateId());
                    }
                }
            }
        }
    }

    private void submit(final DlnLedger.BatchScore score, final UpdateReview review, final List<UpdateReview> done) {
        try {
            if (score.unavailable()) {
                me.ledger().submitUnavailableScore(score.updateId(), score.reason());
            } else {
                me.ledger().submitScore(score.updateId(), score.value(), score.samples(), score.reason(), score.contribution());
            }
            unavailableSince.remove(score.updateId());
            done.add(review);
        } catch (LedgerException e) {
            // Another instance of this member, or the quorum, got there first.
            if (!e.is(Rule.DUPLICATE_SCORE) && !e.is(Rule.UPDATE_NOT_PENDING)) {
                throw e;
            }
            unavailableSince.remove(score.updateId());
        }
    }

    /**
     * Contribution policy, federated: fixes the current round's set once its submissions and
     * abstentions reach minUpdates ({@code abstainedAsRead}, read with the work), or after its
     * deadline with at least one submission. Every member may; the first wins.
     * Returns {@code round} (the current round as the pass read it), unless this member just asked
     * to start its scoring.
     *
     * <p>The round's submissions are counted from {@code unscored} (the pass's list of what this
     * member has yet to score, read after the round: in an open round, every submission but its
     * own, of which it has at most one). When that count cannot settle it (the round one
     * submission short of due, or past its deadline), the round's own count, {@code submittedAsRead},
     * read with the work from the same state, does (2026-12-05: it was a listing, 3 calls a round);
     * a chaincode that does not send it is listed. Before, every pass listed them, though the
     * submission that completes a round fixes the set itself: 15 of a round's ~80 member reads
     * (docs/performance.md, 2026-12-04 evening).
     */
    private Optional<dln.api.view.RoundView> startScoringWhenDue(final ModelView model, final dln.api.view.RoundView round,
            final List<UpdateView> unscored, final Integer submittedAsRead, final Integer abstainedAsRead) {
        if (!round.open()) {
            return Optional.of(round);
        }
        // A provider that abstained took its turn: the set is due with that many submissions fewer.
        final int needed = Math.max(1, model.rounds().minUpdates() - (abstainedAsRead == null ? 0 : abstainedAsRead));
        final long others = unscored.stream().filter(u -> u.round() == round.number()).count();
        final boolean late = !clock.instant().isBefore(java.time.Instant.parse(round.deadline()));
        if (others < needed - 1 && !late) {
            return Optional.of(round);
        }
        // The member's own update is never in its unscored list: one short, the round's count
        // tells whether it completes the set (read with the work; listed only from an older chaincode).
        final int submitted = others >= needed ? (int) others
                : submittedAsRead != null ? submittedAsRead
                : me.ledger().listUpdates(model.id(), round.number(), dln.api.UpdateStatus.PENDING).size();
        if (submitted >= needed || (late && submitted > 0)) {
            try {
                me.ledger().startScoring(model.id(), round.number());
                log.accept("round " + round.number() + " of " + model.id() + ": scoring its " + submitted + " updates");
            } catch (LedgerException e) {
                if (!e.is(Rule.ROUND_NOT_OPEN) && !e.is(Rule.TOO_FEW_SUBMISSIONS)) {
                    throw e;
                }
            }
            return Optional.empty();
        }
        return Optional.of(round);
    }

    /**
     * The review of {@code u} with, under the contribution policy, what it adds: federated, the
     * leave-one-out loss decrease within its round's fixed set; gossip, the loss decrease from its
     * parents' aggregate to it.
     */
    private UpdateReview withContribution(final ModelContext ctx, final UpdateView u, final Map<Integer, dln.api.view.RoundView> rounds,
                                          final Map<String, UpdateReview> reviewed, final Map<String, UpdateView> listed) {
        final UpdateReview review = reviewed.computeIfAbsent(u.id(), id -> review(ctx, u));
        if (!ctx.model().acceptance().byContribution() || !review.sane()) {
            return review;
        }
        final Dataset fragment = fragment(ctx.model());
        if (!ctx.model().federated()) {
            final float[] start = parentsAggregate(ctx, u.parents(), 0);
            final dln.core.evaluation.PairedLoss d = dln.core.evaluation.PairedLoss.of(evaluator(ctx).losses(start, fragment),
                    evaluator(ctx).losses(mergedIntoParents(start, weights(ctx, u), u.parents().size()), fragment));
            return review.with(new dln.api.DlnLedger.Contribution(d.mean(), d.standardError()));
        }
        final dln.api.view.RoundView round = rounds.get(u.round());
        final String key = ctx.id() + "|" + round.number();
        RoundContributions measured = contributions.get(key);
        if (measured == null || measured.of(u.id()) == null) {
            measured = measureRound(ctx, round, reviewed, listed);
            contributions.put(key, measured);
        }
        return review.with(measured.of(u.id()));
    }

    /**
     * Gossip: what merging the update into its parents' merge with an equal share does,
     * {@code start + (w - start) / (k + 1)} for k parents. A gossip update is used by being merged
     * with others; judged alone against its parents, an honest update of skewed data regressed on a
     * balanced fragment and 79 % of them were rejected (16 providers, Dirichlet 0.5, measured).
     */
    static float[] mergedIntoParents(final float[] start, final float[] w, final int parents) {
        final float[] out = new float[start.length];
        final double share = 1.0 / (parents + 1.0);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (start[i] + share * ((double) w[i] - start[i]));
        }
        return out;
    }

    /**
     * Leave-one-out over the round's set, less what this member found insane or could not fetch.
     * The set's vectors are fetched whole for a small model, to disk beyond the store's
     * {@link dln.core.storage.WeightStore#wholeSetValues()} (each aggregate then computed chunk by chunk).
     */
    private RoundContributions measureRound(final ModelContext ctx, final dln.api.view.RoundView round, final Map<String, UpdateReview> reviewed,
            final Map<String, UpdateView> listed) {
        final List<UpdateView> sane = new ArrayList<>();
        // Each update's losses alone, from the pass that reviewed it: not evaluated again.
        final Map<String, double[]> alone = new java.util.HashMap<>();
        for (String id : round.scoring()) {
            // The pass listed most of the set already (what is read here does not change once
            // submitted): one ledger read per update less on the way to the scores.
            final UpdateView v = listed.containsKey(id) ? listed.get(id) : me.ledger().getUpdate(id);
            try {
                // The review fetched the weights: what it could not fetch is measured without.
                final UpdateReview review = reviewed.computeIfAbsent(id, k -> review(ctx, v));
                if (review.sane()) {
                    sane.add(v);
                    if (review.losses() != null) {
                        alone.put(id, review.losses());
                    }
                }
            } catch (ContentUnavailable e) {
                if (ContentUnavailable.stillFetching(e)) {
                    throw e; // the set is measured once all of it is fetched or given up on, not before
                }
                log.accept("round " + round.number() + ": measuring without update " + id + " (" + e.getMessage() + ")");
            }
        }
        cores.acquireUninterruptibly();
        try (dln.core.storage.VectorSet vectors = aggregates.vectorsOf(ctx, sane)) {
            return RoundContributions.measureAmongKept(ctx, sane, vectors, aggregates.start(ctx, round.parents(), round.number() - 1),
                    evaluator(ctx), fragment(ctx.model()), alone, ctx.model().acceptance().tolerance());
        } catch (java.io.IOException e) {
            final java.io.IOException outage = ContentUnavailable.causeOf(e);
            if (outage != null) {
                throw new ContentUnavailable("the weights of round " + round.number() + "'s updates", outage);
            }
            throw new ProtocolException("WEIGHTS_UNUSABLE", "weights of round " + round.number() + ": " + e.getMessage(), e);
        } finally {
            cores.release();
        }
    }

    private float[] weights(final ModelContext ctx, final UpdateView u) {
        try {
            return fetch(ctx, u.weightsCid());
        } catch (Exception e) {
            final java.io.IOException outage = ContentUnavailable.causeOf(e);
            if (outage != null) {
                throw new ContentUnavailable(u.weightsCid(), outage);
            }
            throw new ProtocolException("WEIGHTS_UNUSABLE", "weights of " + u.id() + ": " + e.getMessage(), e);
        }
    }

    /** The weights at {@code cid}, as this pass can have them ({@link PassFetches#get}). */
    private float[] fetch(final ModelContext ctx, final String cid) throws java.io.IOException {
        return fetches.get(cid, ctx.architectureHash(), ctx.parameterCount());
    }

    /**
     * This member could not fetch what {@code u} needs. Before the patience runs out: no score
     * (empty); after it: a review recorded as unavailable. The patience runs from the update's
     * submission as the ledger recorded it (or this process's first failure, if earlier), so a
     * member restarted after a crash keeps the time it had already waited instead of starting
     * from zero: the weights were due on IPFS when the update was submitted.
     */
    private Optional<UpdateReview> patience(final UpdateView u, final java.io.IOException cause) {
        final java.time.Instant now = clock.instant();
        final java.time.Instant firstFailure = unavailableSince.computeIfAbsent(u.id(), k -> {
            log.accept("cannot fetch the weights of update " + u.id() + " (" + cause.getMessage() + "); retrying until "
                    + limits.unavailablePatience().toSeconds() + " s after its submission before recording it unavailable");
            return new Waiting(u.modelId(), now);
        }).since();
        final java.time.Instant since = submittedAt(u).filter(t -> t.isBefore(firstFailure)).orElse(firstFailure);
        final java.time.Duration waited = java.time.Duration.between(since, now);
        if (waited.compareTo(limits.unavailablePatience()) < 0) {
            return Optional.empty();
        }
        final String reason = "weights unavailable for " + waited.toSeconds() + " s: " + cause.getMessage();
        log.accept("update " + u.id() + ": " + reason);
        return Optional.of(UpdateReview.unavailable(u.id(), reason));
    }

    /** When the ledger recorded {@code u}; empty when it holds no readable time. */
    private static Optional<java.time.Instant> submittedAt(final UpdateView u) {
        try {
            return Optional.ofNullable(u.submittedAt()).map(java.time.Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Sanity checks, then evaluation on the fragment. Throws {@link ContentUnavailable} when the
     * weights cannot be fetched (not found in time, IPFS unreachable): that is no verdict.
     */
    public UpdateReview review(final ModelContext ctx, final UpdateView u) {
        final double lowest = ctx.model().higherIsBetter() ? 0.0 : 1.0e9;
        final float[] w;
        try {
            w = fetch(ctx, u.weightsCid());
        } catch (Exception e) {
            final java.io.IOException outage = ContentUnavailable.causeOf(e);
            if (outage != null) {
                throw new ContentUnavailable(u.weightsCid(), outage);
            }
            return insane(u, lowest, "weights unusable: " + e.getMessage());
        }
        final double seconds = Math.max(1, u.trainingMillis()) / 1000.0;
        if (u.samples() / seconds > limits.maxExamplesPerSecond()) {
            return insane(u, lowest, "claims " + u.samples() + " samples in " + u.trainingMillis() + " ms: implausible");
        }
        // Federated, an update's parents are what the round before it accepted.
        final float[] start = parentsAggregate(ctx, u.parents(), u.round() - 1);
        if (ctx.model().securelyAggregated()) {
            final String mismatch = secureAggregateMismatch(ctx, u, w, start);
            if (mismatch != null) {
                return insane(u, lowest, mismatch);
            }
        }
        final double distance = UpdateGeometry.relativeDistance(w, start);
        if (limits.barelyMoved(distance)) {
            return insane(u, lowest, limits.notMoved(distance));
        }
        if (distance > limits.maxRelativeDistance()) {
            return insane(u, lowest, String.format(java.util.Locale.ROOT, "moved %.2fx the parents' norm; the limit is %.2f", distance, limits.maxRelativeDistance()));
        }
        final Dataset fragment = fragment(ctx.model());
        final dln.core.evaluation.Evaluator.Scored scored = evaluator(ctx).scored(w, fragment, ctx.model().metric());
        final double score = scored.score();
        if (!Double.isFinite(score)) {
            return insane(u, lowest, "evaluates to a non-finite " + ctx.model().metric());
        }
        if (ctx.model().acceptance().byContribution()) {
            // What the update adds is measured, not guessed from its direction or its score alone:
            // an honest update of skewed data regresses on a balanced fragment and still helps. The
            // pass's losses are what the update alone is measured by once its round is scored.
            return UpdateReview.scored(u.id(), scored);
        }
        // A DP-SGD step is mostly the Gaussian noise the policy asks for, so its direction says
        // little about the update (two honest DP rounds measured cosine 0.01 on the network); the
        // regression check below still judges what it does to the model.
        final double trend = ctx.model().requiresPrivacy() ? 1 : trendCosine(ctx, u, w, start);
        if (trend < limits.minTrendCosine()) {
            return insane(u, lowest, String.format(java.util.Locale.ROOT,
                    "steps against the federation's last round: cosine %.2f with it; the limit is %.2f", trend, limits.minTrendCosine()));
        }
        final double before = baselines.computeIfAbsent(ctx.id() + "|" + String.join(",", u.parents()),
                k -> metric(ctx, start, fragment));
        final boolean regressed = ctx.model().higherIsBetter()
                ? score < before - limits.maxRegression()
                : score > before * (1 + limits.maxRegression());
        if (regressed) {
            return insane(u, lowest, String.format(java.util.Locale.ROOT, "scores %.4f against its parents' %.4f on the fragment: a regression beyond %.2f",
                    score, before, limits.maxRegression()));
        }
        return new UpdateReview(u.id(), score, true, "");
    }

    /**
     * Secure aggregation: whoever recorded the round's aggregate is not trusted; the member
     * recovers it from the ledger's shares and the masked updates on IPFS and compares the bits.
     * Null when they match, else why not.
     */
    private String secureAggregateMismatch(final ModelContext ctx, final UpdateView u, final float[] w, final float[] start) {
        try {
            final dln.api.view.SecureRoundView view = me.ledger().getSecureRound(ctx.id(), u.round());
            if (!u.id().equals(view.round().aggregateUpdateId())) {
                return "is not the recorded aggregate of round " + u.round();
            }
            final float[] recovered = dln.core.secagg.SecureAggregate.weights(view, ctx.model().weighting(), me.store(), start,
                    dln.core.secagg.MaskKeys.context(ctx.id(), u.round()));
            return java.util.Arrays.equals(recovered, w) ? null
                    : "is not the aggregate of round " + u.round() + "'s masked updates as the revealed shares recover it";
        } catch (java.io.UncheckedIOException e) {
            final java.io.IOException outage = ContentUnavailable.causeOf(e);
            if (outage != null) {
                throw new ContentUnavailable(u.weightsCid(), outage);
            }
            return "its masked updates are unusable: " + e.getMessage();
        } catch (dln.api.LedgerException e) {
            throw e;
        } catch (RuntimeException e) {
            // Bad shares or masked vectors: the aggregate cannot be what they recover.
            return "the round's aggregate cannot be recovered: " + e.getMessage();
        }
    }

    /**
     * A round's updates share their parents: aggregate them once per parent set, not once per
     * update.
     */
    private float[] parentsAggregate(final ModelContext ctx, final List<String> parents, final int acceptedIn) {
        final String key = ctx.id() + "|" + String.join(",", parents);
        final float[] cached = parentAggregates.get(key);
        if (cached != null) {
            return cached;
        }
        final float[] computed = aggregates.aggregate(ctx, parents, acceptedIn);
        parentAggregates.put(key, computed);
        return computed;
    }

    /**
     * Federated, round 2 on: the cosine between the update's step and the step from the previous
     * round's start to this one's; NaN (no verdict) in round 1, in gossip, or when the federation
     * did not move (a round that accepted nothing hands its parents on).
     */
    private double trendCosine(final ModelContext ctx, final UpdateView u, final float[] w, final float[] start) {
        if (!ctx.model().federated() || u.round() < 2) {
            return Double.NaN;
        }
        final List<String> before = me.ledger().getRound(ctx.id(), u.round() - 1).parents();
        return UpdateGeometry.trendCosine(w, start, parentsAggregate(ctx, before, u.round() - 2));
    }

    private double metric(final ModelContext ctx, final float[] weights, final Dataset fragment) {
        return evaluator(ctx).score(weights, fragment, ctx.model().metric());
    }

    private UpdateReview insane(final UpdateView u, final double lowest, final String reason) {
        log.accept("update " + u.id() + " fails sanity: " + reason);
        return new UpdateReview(u.id(), lowest, false, reason);
    }

    /** This member's decrypted validation fragment, checked against the plaintext hash on the ledger. */
    public Dataset fragment(final ModelView model) {
        final Dataset cached = fragments.get(model.id());
        if (cached != null) {
            return cached;
        }
        final ModelView.Member member = model.member(me.identity())
                .orElseThrow(() -> new ProtocolException("NOT_COMMITTEE_MEMBER", me.label() + " is not in the committee of " + model.id()));
        final byte[] plain;
        try {
            plain = FragmentCipher.decrypt(me.store().getBytes(member.fragment().cid(), MAX_FRAGMENT_BYTES), key);
        } catch (java.io.IOException e) {
            throw new ProtocolException("FRAGMENT_UNAVAILABLE", "cannot fetch the fragment " + member.fragment().cid() + ": " + e.getMessage(), e);
        }
        final String sha = Digests.sha256Hex(plain);
        if (!sha.equals(member.fragment().sha256())) {
            throw new ProtocolException("FRAGMENT_HASH_MISMATCH", "fragment of " + model.id() + " decrypts to SHA-256 " + sha
                    + " but the ledger records " + member.fragment().sha256());
        }
        final Dataset d = DatasetCodec.fromBytes(plain);
        fragments.put(model.id(), d);
        return d;
    }

    private Evaluator evaluator(final ModelContext ctx) {
        return evaluators.computeIfAbsent(ctx.architectureHash(), h -> new Evaluator(ctx.plan()));
    }
}

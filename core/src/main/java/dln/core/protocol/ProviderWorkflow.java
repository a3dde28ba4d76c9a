package dln.core.protocol;

import dln.api.Rule;
import dln.api.ModelStatus;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.api.LedgerException;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.model.TrainingSpec;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A data provider's step: read the ledger, start from the verified aggregate of the parents,
 * train on private data, upload, submit. Idempotent: before training it asks the ledger whether
 * this identity already contributed, so a provider restarted after a crash never submits twice.
 *
 * <p>It trains with the model's training recipe on the ledger ({@link ModelContext#training()}),
 * never with settings of its own: the {@code training} it is built with is only compared with the
 * recipe (one line when they differ), and every update names the hash of the recipe it used,
 * which the ledger checks is the model's (RECIPE_MISMATCH).
 *
 * <p>On a model that requires differential privacy, it trains with DP-SGD at the model's clip and
 * noise multiplier, and only after checking that the run keeps its epsilon within the model's
 * budget ({@link dln.core.privacy.ProviderBudget}); the noise is seeded from the provider's own
 * seed, which must stay private.
 */
public final class ProviderWorkflow {

    /** How the line that reports a DP-SGD run and its spending starts: information, not a warning. */
    public static final String DP_SGD_LINE = "DP-SGD: ";

    private final Participant me;
    private final Dataset data;
    private final TrainingSpec training;
    private final Adversary adversary;
    private final long seed;
    private final TrainingListener progress;
    private final Consumer<String> log;
    private final Aggregates aggregates;
    private final Map<String, LocalTrainer> trainers = new HashMap<>();
    private final ModelContexts contexts = new ModelContexts();
    private final Map<String, dln.core.privacy.DpSgdTrainer> privateTrainers = new HashMap<>();
    private final SharedMachine turns;
    private final java.util.Set<String> toldOverride = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // Reads a step makes side by side with its own: daemon threads, made as needed, gone after a minute idle.
    private final java.util.concurrent.Executor sideReads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "provider-read");
        t.setDaemon(true);
        return t;
    });

    /**
     * A provider with a machine of its own; {@link Adversary#honest()} for an honest one.
     * {@code training} is the provider's own settings, never used to train (the model's recipe is):
     * when they differ from the recipe it says so once; null for none.
     */
    public ProviderWorkflow(final Participant me, final Dataset data, final TrainingSpec training, final Adversary adversary, final long seed,
            final TrainingListener progress, final Consumer<String> log) {
        this(me, data, training, adversary, seed, progress, log, SharedMachine.own());
    }

    /**
     * A provider sharing a machine with others: it takes the {@link SharedMachine} turns to
     * aggregate its round's start and to train, so the providers take turns on the cores while
     * their ledger and IPFS work overlaps the others' training, as it would on machines of their own.
     */
    public ProviderWorkflow(final Participant me, final Dataset data, final TrainingSpec training, final Adversary adversary, final long seed,
            final TrainingListener progress, final Consumer<String> log, final SharedMachine turns) {
        this.turns = turns;
        this.me = me;
        this.data = adversary.trainingData(data);
        this.training = training;
        this.adversary = adversary;
        this.seed = seed;
        this.progress = progress;
        this.log = log;
        this.aggregates = new Aggregates(me, log);
    }

    /** The provider's identity and handles. */
    public Participant participant() {
        return me;
    }

    /**
     * What one step did, and where its time went.
     *
     * @param prepareMillis from the start of the step to the start of training: ledger reads, the
     *        parents' weights from IPFS ({@code fetchMillis} of it) and their aggregation
     * @param uploadMillis adding the new weights to IPFS
     * @param ledgerMillis submitting the update (or the abstention), until it committed
     * @param update the update submitted; null when the provider abstained from its round or passed its gossip step
     * @param abstention why the provider abstained or passed ({@link #abstained}); null when it submitted
     * @param round the round the step was for; 0 for a gossip step
     */
    public record Outcome(UpdateView update, StartWeights start, TrainingResult training, long prepareMillis, long fetchMillis,
            long uploadMillis, long ledgerMillis, String abstention, int round) {

        /**
         * Whether the provider held back its update because its training left the model where it
         * was: it took its round's turn without one (federated) or passed the step (gossip).
         */
        public boolean abstained() {
            return update == null;
        }

        /** Whether the provider passed a gossip step: held back its update, with no round's turn to take. */
        public boolean passed() {
            return abstained() && round == 0;
        }
    }

    /**
     * Federated: contributes once to the model's current round. Empty when this identity already
     * contributed to it (nothing is done) or the model is not open.
     */
    public Optional<Outcome> federatedStep(final String modelId) {
        return federatedStep(me.ledger().providerWork(modelId, me.identity()));
    }

    /** As {@link #federatedStep(String)} on {@code model}'s id (the step reads it again with its round, in one call). */
    public Optional<Outcome> federatedStep(final ModelView model) {
        return federatedStep(model.id());
    }

    /**
     * As {@link #federatedStep(String)} on what the step needs as it was just read: the model, its
     * current round, whether this identity joined it already and the views of the round's parents,
     * from one state of the ledger (one call, where a step read them with four).
     */
    public Optional<Outcome> federatedStep(final dln.api.DlnLedger.ProviderWork work) {
        final Clock clock = new Clock(me);
        final ModelView model = work.model();
        final RoundView round = work.round();
        if (model.status() != ModelStatus.OPEN || round == null || !round.open() || work.joined()) {
            return Optional.empty();
        }
        final ModelContext ctx = contexts.of(model);
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final Aggregates.RoundStart start = begin(ctx, round, turn, work.parents());
        try {
            return Optional.of(trainAndSubmit(ctx, start, turn, round.number(), seed * 1_000_003L + round.number(), clock));
        } finally {
            turn.complete(null); // a step that failed before training still records or verifies the start
        }
    }

    /**
     * What a provider brings to a securely aggregated round: the round's start, its trained
     * weights, its claim and the hash of the recipe it trained with. Nothing is submitted; {@link dln.core.secagg.SecureProvider} masks it.
     */
    public record SecureStep(ModelContext context, int round, float[] start, float[] trained, long samples, long trainingMillis,
                             String recipeHash, UpdateView.Privacy privacy) {}

    /**
     * Secure aggregation: trains on the current round's start (the previous round's aggregate,
     * recorded or verified as in any federated round) and returns the weights without submitting
     * them. Empty when the model or round is not open.
     */
    public Optional<SecureStep> trainForSecureRound(final String modelId) {
        final ModelView model = me.ledger().getModel(modelId);
        if (model.status() != ModelStatus.OPEN) {
            return Optional.empty();
        }
        final ModelContext ctx = contexts.of(model);
        final RoundView round = me.ledger().getRound(modelId, model.currentRound());
        if (!round.open()) {
            return Optional.empty();
        }
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        final Aggregates.RoundStart begun = begin(ctx, round, turn);
        try {
            return Optional.of(trainSecurely(ctx, round, begun, turn));
        } finally {
            turn.complete(null); // a step that failed before training still records or verifies the start
        }
    }

    private SecureStep trainSecurely(final ModelContext ctx, final RoundView round, final Aggregates.RoundStart begun,
            final CompletableFuture<Void> turn) {
        final long stepSeed = seed * 1_000_003L + round.number();
        final TrainingSpec recipe = recipe(ctx);
        // DP noise is added before masking: the masked step is a DP-SGD output like any update (docs/privacy.md).
        final dln.core.privacy.ProviderBudget.Plan privacy = privacyPlan(ctx, recipe);
        final TrainingResult result = train(ctx, begun, turn, recipe, stepSeed, privacy);
        final float[] trained = adversary.weights(new Adversary.Step(me, ctx, round.number(), begun.weights(), result.params(), stepSeed,
                parents -> aggregates.aggregate(ctx, parents)));
        final StartWeights start = settle(begun);
        final Adversary.Claim claim = adversary.claim(new Adversary.Claim(data.size(), Math.max(1, result.millis())));
        return new SecureStep(ctx, round.number(), start.weights(), trained, claim.samples(), claim.millis(),
                recipe.recipe().hash(), privacy == null ? null : privacy.record());
    }

    /**
     * Gossip: one more update on parents chosen by score-weighted sampling among the recent
     * accepted ones ({@link GossipParents}: its reads do not grow with the DAG).
     */
    public Outcome gossipStep(final String modelId, final ParentSelector selector) {
        final Clock clock = new Clock(me);
        final ModelView model = me.ledger().getModel(modelId);
        if (model.status() != ModelStatus.OPEN) {
            throw new ProtocolException("MODEL_NOT_OPEN", "model " + modelId + " is " + model.status() + ", not open");
        }
        final ModelContext ctx = contexts.of(model);
        // Parents and seed come from the ledger, so a restarted provider continues where it was.
        final GossipParents.Choice choice = GossipParents.choose(me.ledger(), model, selector, seed);
        final float[] w = aggregates.aggregate(ctx, choice.parents());
        final StartWeights start = new StartWeights(w, choice.parents(), null, StartWeights.Check.LOCAL);
        return trainAndSubmit(ctx, new Aggregates.RoundStart(w, CompletableFuture.completedFuture(start)), new CompletableFuture<>(), 0,
                choice.seed(), clock);
    }

    /**
     * The round's start, aggregated in this provider's starting turn; its record is verified or
     * made once {@code turn} completes (when this provider's training turn comes).
     */
    private Aggregates.RoundStart begin(final ModelContext ctx, final RoundView round, final CompletableFuture<Void> turn) {
        return begin(ctx, round, turn, List.of());
    }

    /** As above, with the views of the round's parents already read ({@code known}; empty: read them). */
    private Aggregates.RoundStart begin(final ModelContext ctx, final RoundView round, final CompletableFuture<Void> turn,
            final List<UpdateView> known) {
        turns.starting().lock();
        try {
            return aggregates.beginRound(ctx, round, turn, known);
        } finally {
            turns.starting().unlock();
        }
    }

    /**
     * The DP-SGD plan of a step under {@code recipe}, null for a model without privacy. Checked
     * before the data is touched: past its budget, the provider does not train at all.
     */
    private dln.core.privacy.ProviderBudget.Plan privacyPlan(final ModelContext ctx, final TrainingSpec recipe) {
        return ctx.model().requiresPrivacy()
                ? dln.core.privacy.ProviderBudget.plan(me.ledger(), me.identity(), ctx.model(), data.size(), recipe)
                : null;
    }

    /**
     * One step's training from {@code begun} in this provider's turn (DP-SGD under {@code privacy}
     * when not null); an adversary that does not train leaves the start as it was and hands the turn on at once.
     */
    private TrainingResult train(final ModelContext ctx, final Aggregates.RoundStart begun, final CompletableFuture<Void> turn,
            final TrainingSpec recipe, final long stepSeed, final dln.core.privacy.ProviderBudget.Plan privacy) {
        if (!adversary.trains()) {
            turn.complete(null);
            return new TrainingResult(begun.weights().clone(), 0, 0, Double.NaN, 0);
        }
        return inTurn(turn, () -> privacy == null
                ? trainer(ctx).train(begun.weights(), data, recipe, stepSeed, progress)
                : privateTrainer(ctx).train(begun.weights(), data, recipe, privacy.settings(), noiseSeed(stepSeed), progress).training());
    }

    /** {@code work} in this provider's training turn; {@code turn} completes as the turn is taken (and in any case once it ends). */
    private TrainingResult inTurn(final CompletableFuture<Void> turn, final java.util.function.Supplier<TrainingResult> work) {
        turns.training().lock();
        try {
            turn.complete(null);
            return work.get();
        } finally {
            turns.training().unlock();
            turn.complete(null);
        }
    }

    private Outcome trainAndSubmit(final ModelContext ctx, final Aggregates.RoundStart begun, final CompletableFuture<Void> turn, final int round,
            final long stepSeed, final Clock clock) {
        final long prepareMillis = clock.millis();
        final long fetchMillis = clock.fetchMillis();
        final TrainingSpec recipe = recipe(ctx);
        final dln.core.privacy.ProviderBudget.Plan privacy = privacyPlan(ctx, recipe);
        final TrainingResult result = train(ctx, begun, turn, recipe, stepSeed, privacy);
        if (adversary.trains()) {
            if (privacy != null) {
                log.accept(String.format(java.util.Locale.ROOT, DP_SGD_LINE + "%d steps, q %.4g, sigma %.3g, C %.3g; epsilon %.3f -> %.3f of %.3f",
                        privacy.run().steps(), privacy.run().samplingRate(), privacy.run().noiseMultiplier(), privacy.run().clip(),
                        privacy.epsilonBefore(), privacy.epsilon(), ctx.model().privacy().epsilon()));
            }
            // Only an honest provider holds back: in gossip, which has no turn to take, it passes the step; in a round of
            // the contribution policy (whose set counts turns) it abstains.
            final boolean honest = adversary.attack() == dln.core.attack.Attack.NONE;
            final boolean mayAbstain = honest && (round == 0 || ctx.model().acceptance().byContribution());
            final double moved = UpdateGeometry.relativeDistance(result.params(), begun.weights());
            if (standingStill(round, moved, mayAbstain) && mayAbstain) {
                return round == 0 ? pass(begun, result, moved, prepareMillis, fetchMillis)
                        : abstain(ctx, begun, result, round, moved, prepareMillis, fetchMillis);
            }
        }
        // Outside the training turn: a colluder may wait here for its team, which needs the turn to train.
        final float[] submitted = adversary.weights(new Adversary.Step(me, ctx, round, begun.weights(), result.params(), stepSeed,
                parents -> aggregates.aggregate(ctx, parents)));
        final long t0 = System.nanoTime();
        // Whether this submission may complete the round's set is read while the weights upload:
        // it only decides whether to ask the chaincode to fix the set (which rechecks), and read
        // after the upload it was one peer round trip more between the last training and the last
        // update's block (2026-12-04 night).
        final CompletableFuture<Boolean> asks = CompletableFuture.supplyAsync(() -> completesSet(ctx, round, 2), sideReads);
        final StartWeights start = settle(begun);
        final long uploadStart = System.nanoTime();
        final String cid;
        try {
            cid = me.store().putWeights(ctx.architectureHash(), submitted, progress::uploaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final long t1 = System.nanoTime();
        final Adversary.Claim claim = adversary.claim(new Adversary.Claim(data.size(), Math.max(1, result.millis())));
        // The start weights' fetch counts whenever it happened (before training, or while settling
        // the round's verification), so the declared IPFS time is the step's whole IPFS time.
        final UpdateView.Transfers transfers = new UpdateView.Transfers(clock.fetchMillis(), (t1 - uploadStart) / 1_000_000);
        final UpdateView update = submit(ctx, cid, start.parents(), round, claim, recipe.recipe().hash(), privacy == null ? null : privacy.record(),
                transfers, asks);
        final long t2 = System.nanoTime();
        return new Outcome(update, start, result, prepareMillis, fetchMillis, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, null, round);
    }

    /**
     * Whether honest training left the model where it was ({@code moved}, relative to its start): it moved less than the committee's
     * default sanity check requires (in float32 a saturated softmax gives a zero gradient, so a
     * provider whose few examples the model already fits moves 10^-9 or nothing at all). Says so:
     * an honest provider then holds back ({@code abstains}): in a round of the contribution policy it
     * abstains, in gossip it passes the step; in a threshold round, which closes on decided updates,
     * the update is still submitted, and the committee will likely refuse it.
     */
    private boolean standingStill(final int round, final double moved, final boolean abstains) {
        if (!SanityLimits.DEFAULT.barelyMoved(moved)) {
            return false;
        }
        log.accept(String.format(java.util.Locale.ROOT, "%s: training moved the model %.2e of its norm, under the %.0e members require by"
                + " default: it already fits this provider's data, %s", round > 0 ? "round " + round : "gossip", moved,
                SanityLimits.DEFAULT.minRelativeDistance(), !abstains ? "and the committee will likely refuse the update"
                        : round > 0 ? "so it abstains from the round" : "so it passes this step: nothing is submitted"));
        return true;
    }

    /**
     * Passes a gossip step: gossip has no round whose turn the provider must take, so nothing goes
     * to the ledger; an update equal to its parents would only be refused as "did not train" and
     * flag this identity. Its next step starts again from the parents chosen then.
     */
    private Outcome pass(final Aggregates.RoundStart begun, final TrainingResult result, final double moved, final long prepareMillis,
            final long fetchMillis) {
        return new Outcome(null, settle(begun), result, prepareMillis, fetchMillis, 0, 0, stillReason(moved), 0);
    }

    private static String stillReason(final double moved) {
        return String.format(java.util.Locale.ROOT, "training moved the model %.2e of its norm (the members' default least"
                + " is %.0e): it already fits this provider's data", moved, SanityLimits.DEFAULT.minRelativeDistance());
    }

    /**
     * Takes the round's turn without an update (round:Abstain): an update equal to its parents would
     * be refused as "did not train" and flag this identity like a free rider's, while the round,
     * counting the abstention as a turn, does not wait for it. The round's start is still recorded
     * or verified, as after a submission. A retry whose first abstention committed (the answer was
     * lost) finds it there; a round that fixed its set or closed meanwhile needs nothing more.
     */
    private Outcome abstain(final ModelContext ctx, final Aggregates.RoundStart begun, final TrainingResult result, final int round,
            final double moved, final long prepareMillis, final long fetchMillis) {
        final String reason = stillReason(moved);
        final long t0 = System.nanoTime();
        try {
            me.ledger().abstain(ctx.id(), round, reason);
        } catch (LedgerException e) {
            if (!e.is(Rule.ABSTAINED_IN_ROUND) && !e.is(Rule.SUBMISSIONS_CLOSED) && !e.is(Rule.ROUND_DEADLINE_PASSED) && !e.is(Rule.WRONG_ROUND)) {
                throw e;
            }
        }
        final long t1 = System.nanoTime();
        final StartWeights start = settle(begun);
        return new Outcome(null, start, result, prepareMillis, fetchMillis, 0, (t1 - t0) / 1_000_000, reason, round);
    }

    /**
     * Records the update. When the ledger says this identity's update or these weights are there
     * already, the submission committed before its answer was lost (the transport proposed it
     * again): the recorded update is this step's, found by its weights as this identity's newest
     * update (one key, however large the DAG), so a retry never turns into a failure or a second
     * update.
     */
    private UpdateView submit(final ModelContext ctx, final String cid, final List<String> parents, final int round,
            final Adversary.Claim claim, final String recipeHash, final UpdateView.Privacy privacy, final UpdateView.Transfers transfers,
            final CompletableFuture<Boolean> asks) {
        try {
            // The last submission but one asks too (asks: completesSet(.., 2)): the one after it may
            // be read before it commits (the last two race whenever the last training is short, 3
            // rounds in 5 measured 2026-12-04 evening), and then the last one, reading this one not
            // yet in, would not ask.
            final boolean asked = joined(asks);
            final UpdateView submitted = me.ledger().submitUpdate(ctx.id(), cid, parents, round, claim.samples(), claim.millis(), recipeHash,
                    privacy, transfers, asked);
            // One that asked had the chaincode fix the set if it was complete at its commit; if it
            // was not, a later submission completes it and fixes it, by asking or by this check
            // after its own commit. So only one that did not ask looks again (2 reads fewer for
            // each asking submission, 2026-12-05).
            if (!asked && completesSet(ctx, round, 0) && me.ledger().getRound(ctx.id(), round).open()) {
                startScoring(ctx, round);
            }
            return submitted;
        } catch (LedgerException e) {
            if (e.is(Rule.DUPLICATE_UPDATE_IN_ROUND) || e.is(Rule.WEIGHTS_ALREADY_RECORDED)) {
                final Optional<UpdateView> mine = me.ledger().listSubmittedBy(ctx.id(), me.identity(), 1).stream()
                        .filter(u -> cid.equals(u.weightsCid())).findFirst();
                if (mine.isPresent()) {
                    return mine.get();
                }
                if (e.is(Rule.DUPLICATE_UPDATE_IN_ROUND)) {
                    log.accept("already contributed to round " + round + "; nothing submitted");
                }
            }
            throw e;
        }
    }

    /**
     * Contribution policy, federated: whether the round's submissions as they stand now, plus
     * {@code more}, reach {@code minUpdates} (they only grow while it is open). A submission that
     * may complete the round (by this read, it is the last or the last but one: {@code more} = 2)
     * asks the chaincode to fix the round's set in the same transaction when it does, one block
     * before a StartScoring after it could; the earlier ones do not ask, so that their submissions
     * never read the round's submissions and never conflict with each other. The two that ask
     * conflict when they meet in one block, and the later is proposed again at once, reading the
     * other's (FailoverTransport): the same block a StartScoring after it would have cost.
     */
    private boolean completesSet(final ModelContext ctx, final int round, final int more) {
        if (round == 0 || !ctx.model().federated() || !ctx.model().acceptance().byContribution()) {
            return false;
        }
        return me.ledger().listUpdates(ctx.id(), round, dln.api.UpdateStatus.PENDING).size() + more >= ctx.model().rounds().minUpdates();
    }

    /**
     * Two last submissions raced (each read the round before the other committed) and neither
     * asked: one that sees the round complete and still open after its own commit starts the scoring at once,
     * rather than leave it to a committee member's next pass. The first call wins; a second, or a
     * round fixed meanwhile, is refused and nothing more is needed.
     */
    private void startScoring(final ModelContext ctx, final int round) {
        try {
            me.ledger().startScoring(ctx.id(), round);
        } catch (LedgerException e) {
            if (!e.is(Rule.ROUND_NOT_OPEN) && !e.is(Rule.TOO_FEW_SUBMISSIONS)) {
                // The update is in: a committee member's pass starts the scoring instead.
                log.accept("round " + round + " of " + ctx.id() + ": could not start its scoring (" + e.getMessage() + "); the committee will");
            }
        }
    }

    /**
     * The model's training recipe from the ledger: what this provider trains with, whatever it was
     * started with. When its own settings differ, it says so once per model (they are not used).
     */
    private TrainingSpec recipe(final ModelContext ctx) {
        final TrainingSpec recipe = ctx.training();
        final String hash = recipe.recipe().hash();
        if (ctx.model().recipeHash() != null && !ctx.model().recipeHash().equals(hash)) {
            // Checked before training: the ledger would refuse the update after the work was done.
            throw new ProtocolException("RECIPE_MISMATCH", "this client reads model " + ctx.id() + "'s training recipe as " + hash
                    + " but the ledger recorded " + ctx.model().recipeHash() + "; use a client of the chaincode's version");
        }
        if (training != null && !sameTraining(training, recipe) && toldOverride.add(ctx.id())) {
            log.accept("model " + ctx.id() + " trains with its recipe on the ledger (" + recipe.describe() + "); this provider's own settings ("
                    + training.describe() + ") are not used");
        }
        return recipe;
    }

    /** The same training, ignoring the preprocessing (the data arrives as features). */
    private static boolean sameTraining(final TrainingSpec a, final TrainingSpec b) {
        return a.withPreprocessing(null).equals(b.withPreprocessing(null));
    }

    /** Where a step is in time, and how much of it went to fetching weights. */
    private record Clock(Participant me, long start, long fetchStart) {
        Clock(final Participant me) {
            this(me, System.nanoTime(), me.store().fetchNanos());
        }

        long millis() {
            return (System.nanoTime() - start) / 1_000_000;
        }

        long fetchMillis() {
            return (me.store().fetchNanos() - fetchStart) / 1_000_000;
        }
    }

    /** The previous round's aggregate recorded or verified while we trained; its failure is ours. */
    private static StartWeights settle(final Aggregates.RoundStart begun) {
        try {
            return begun.settled().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    /** The outcome of a read made side by side; its failure is rethrown as the ledger threw it. */
    private static boolean joined(final CompletableFuture<Boolean> read) {
        try {
            return read.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private dln.core.privacy.DpSgdTrainer privateTrainer(final ModelContext ctx) {
        return privateTrainers.computeIfAbsent(ctx.architectureHash(), h -> new dln.core.privacy.DpSgdTrainer(ctx.plan()));
    }

    /**
     * The step's noise seed: the step seed may be public (gossip draws it from the ledger), so the
     * provider's own seed is mixed in; whoever knew both could subtract the noise.
     */
    private long noiseSeed(final long stepSeed) {
        return new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + stepSeed).nextLong();
    }

    private LocalTrainer trainer(final ModelContext ctx) {
        return trainers.computeIfAbsent(ctx.architectureHash(), h -> new LocalTrainer(ctx.plan()));
    }
}

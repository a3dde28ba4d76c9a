package dln.core.protocol;

import dln.api.Rule;
import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.RuleInput;
import dln.core.aggregation.ModelUpdate;
import dln.api.LedgerException;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.aggregation.ChunkedAggregation;
import dln.core.storage.VectorSet;
import dln.core.storage.WeightStore;
import dln.core.weights.ParameterSink;
import dln.core.weights.ParameterSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dln.core.optimiser.NoOptimiser;
import dln.core.optimiser.OptimiserState;
import dln.core.optimiser.ServerOptimiser;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Computes the weights a step starts from: the model's rule over the parents in canonical order
 * ({@link #CANONICAL}: by content first),
 * identical bits for every participant. In federated mode the aggregate of round r-1 is recorded
 * on the ledger by whoever computes it first and verified by everyone after.
 */
public final class Aggregates {

    private final Participant me;
    private final Consumer<String> warnings;

    public Aggregates(final Participant me, final Consumer<String> warnings) {
        this.me = me;
        this.warnings = warnings;
    }

    /**
     * Where a step starts: the weights, the server optimiser's state there (empty without one),
     * and the start the federation stepped from to get there ({@code from}: null at the initial
     * weights and in gossip), so that {@code weights - from} is the federation's last step. A pure
     * function of the parent set and the chain of accepted sets before it. {@code from} is the
     * previous start's own array, which the cache of starts holds anyway.
     */
    public record Start(float[] weights, OptimiserState state, float[] from) {

        /** A start with no last step known (the initial weights, gossip). */
        public Start(final float[] weights, final OptimiserState state) {
            this(weights, state, null);
        }
    }

    // The last few starts computed, by model and parent set: a round's start is the previous
    // round's plus one step, so a participant that follows the rounds computes each step once.
    // Four of them, but only the two a round reads (its start and the one before) once they take
    // more than an eighth of the heap: a 100M-parameter start is 400 MB.
    private final Map<String, Start> starts = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Start> eldest) {
            final long bytes = values().stream().mapToLong(s -> 4L * s.weights().length).sum();
            return size() > 4 || size() > 2 && bytes > Runtime.getRuntime().maxMemory() / 8;
        }
    });

    /** The aggregate of {@code parents} (sorted ids, or ["initial"]) without touching the ledger's records. */
    public float[] aggregate(final ModelContext ctx, final List<String> parents) {
        return start(ctx, parents).weights();
    }

    /**
     * The start {@code parents} hand on: the model's rule over them, against their own start, then
     * the server optimiser's step from that start (FedAvgM, FedAdam: its state comes from the
     * chain of accepted sets on the ledger, so every participant recomputes it bit for bit).
     */
    public Start start(final ModelContext ctx, final List<String> parents) {
        return start(ctx, parents, 0);
    }

    /**
     * As {@link #start(ModelContext, List)}, for parents expected to be the updates federated round
     * {@code acceptedIn} accepted (0: not known): their views are then read in one listing of that
     * round's accepted updates, not one read each, when the listing is exactly the parents (a round
     * that accepted nothing hands older parents on, which are read one by one). Every participant
     * reads a round's start: 16 of a round's 31 GetUpdate at 4 providers came from the providers'
     * starts and 12 from the members' (2026-12-04 night).
     */
    public Start start(final ModelContext ctx, final List<String> parents, final int acceptedIn) {
        return start(ctx, parents, acceptedIn, List.of());
    }

    /** As {@link #start(ModelContext, List, int)}, with the parents' views read already when {@code known} holds exactly them. */
    private Start start(final ModelContext ctx, final List<String> parents, final int acceptedIn, final List<UpdateView> known) {
        final String key = ctx.id() + "|" + String.join(",", parents.stream().sorted().toList());
        final Start cached = starts.get(key);
        if (cached != null) {
            return cached;
        }
        final Start computed = computeStart(ctx, parents, ctx.model().federated() ? acceptedIn : 0, known);
        starts.put(key, computed);
        return computed;
    }

    /** The aggregate {@link #start(ModelContext, List, int)} gives. */
    public float[] aggregate(final ModelContext ctx, final List<String> parents, final int acceptedIn) {
        return start(ctx, parents, acceptedIn).weights();
    }

    private Start computeStart(final ModelContext ctx, final List<String> parents, final int acceptedIn, final List<UpdateView> known) {
        try {
            if (parents.size() == 1 && UpdateView.INITIAL.equals(parents.get(0))) {
                final float[] initial = me.store().getWeights(ctx.model().initialWeightsCid(), ctx.architectureHash(), ctx.parameterCount());
                return new Start(initial, ctx.optimiser().initial(initial.length));
            }
            final List<String> sorted = parents.stream().sorted().toList();
            final List<UpdateView> views = known.stream().map(UpdateView::id).sorted().toList().equals(sorted)
                    ? known.stream().sorted(java.util.Comparator.comparing(UpdateView::id)).toList()
                    : UpdateReads.ofRound(me.ledger(), ctx.id(), acceptedIn, sorted);
            final java.util.SortedSet<String> grandparents = new java.util.TreeSet<>();
            views.forEach(u -> grandparents.addAll(u.parents()));
            // A rule that measures the updates against their start (norm clipping) gets the start
            // of the parents' own parents: in federated mode, exactly the round's start; so does
            // the server optimiser, which steps from there.
            final boolean stepping = !(ctx.optimiser() instanceof NoOptimiser);
            // Federated, the round's start is also what tells copies of one update apart from honest work.
            final Start previous = ctx.rule().needs().contains(RuleInput.REFERENCE) || stepping || ctx.model().federated()
                    ? start(ctx, List.copyOf(grandparents), Math.max(0, acceptedIn - 1)) : null;
            final float[] aggregate;
            try (VectorSet vectors = vectorsOf(ctx, views)) {
                aggregate = aggregate(ctx, views, vectors, previous == null ? null : previous.weights());
            }
            final float[] from = ctx.model().federated() ? previous.weights() : null;
            if (!stepping) {
                return new Start(aggregate, OptimiserState.empty(), from);
            }
            final ServerOptimiser.Step step = ctx.optimiser().step(previous.weights(), aggregate, previous.state());
            return new Start(step.model(), step.state(), from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The vectors of {@code updates}, by update id, fetched from the store (each verified against
     * its CID): whole in memory for a small model, weight files on disk read by ranges when the
     * set is larger than the store's {@link WeightStore#wholeSetValues()}. The caller closes it.
     */
    public VectorSet vectorsOf(final ModelContext ctx, final List<UpdateView> updates) throws IOException {
        final Map<String, String> cids = new java.util.HashMap<>();
        updates.forEach(u -> cids.put(u.id(), u.weightsCid()));
        return me.store().fetchSet(cids, ctx.architectureHash(), ctx.parameterCount());
    }

    /** The weights of {@code updates}, fetched from the store, by update id. */
    public java.util.Map<String, float[]> weightsOf(final ModelContext ctx, final List<UpdateView> updates) throws IOException {
        final java.util.Map<String, float[]> out = new java.util.HashMap<>();
        for (UpdateView u : updates) {
            out.put(u.id(), me.store().getWeights(u.weightsCid(), ctx.architectureHash(), ctx.parameterCount()));
        }
        return out;
    }

    /**
     * The model's rule over {@code updates} (any order: the input sorts them by id) with the
     * model's weighting policy; {@code reference} is their common start, for the rules that need it,
     * and (when given) what finds copies of one update: they share one update's weight, so Sybil
     * identities that send jittered copies gain no more weight than one, whatever their organisations.
     * The one place the protocol turns updates into an aggregate: providers, the committee's
     * contribution measurements and the harness all come here.
     */
    public static float[] aggregate(final ModelContext ctx, final List<UpdateView> updates, final java.util.Map<String, float[]> weights,
                                    final float[] reference) {
        return aggregate(ctx, updates, VectorSet.inMemory(weights), reference);
    }

    /**
     * As {@link #aggregate(ModelContext, List, java.util.Map, float[])} over a set fetched whole
     * or to disk ({@link #vectorsOf}): on disk, the copies are found in one streamed pass and the
     * rule runs chunk by chunk ({@link ChunkedAggregation}); the bits are those of the whole vectors.
     */
    public static float[] aggregate(final ModelContext ctx, final List<UpdateView> updates, final VectorSet vectors, final float[] reference) {
        return aggregate(ctx, updates, vectors, reference, reference == null ? List.of() : RoundContributions.copies(updates, vectors, reference));
    }

    /**
     * As {@link #aggregate(ModelContext, List, VectorSet, float[])}, with the groups of copies
     * among {@code updates} already found ({@link RoundContributions#copies}): finding them
     * compares every pair, so a caller aggregating many subsets of one set finds them once.
     * Leaving whole groups out of a set leaves the other groups as they were (they are connected
     * components), which is how the contribution measurement forms its subsets.
     */
    static float[] aggregate(final ModelContext ctx, final List<UpdateView> updates, final VectorSet vectors,
                             final float[] reference, final List<List<UpdateView>> copyGroups) {
        final List<UpdateView> sorted = canonical(updates);
        final List<String> keys = keys(sorted);
        final long[] w = weights(ctx, sorted, reference != null, copyGroups);
        final AggregationRule rule = ctx.rule();
        if (sorted.size() < rule.minimumUpdates()) {
            // No rule stands in for another; the ledger records such a round as having no aggregate.
            throw new ProtocolException("AGGREGATION_UNDEFINED", rule.describe() + " needs at least " + rule.minimumUpdates()
                    + " updates, got " + sorted.size());
        }
        final float[] ref = rule.needs().contains(RuleInput.REFERENCE) ? reference : null;
        if (vectors.inMemory()) {
            final List<ModelUpdate> inputs = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                inputs.add(new ModelUpdate(keys.get(i), vectors.array(sorted.get(i).id()), w[i]));
            }
            return rule.aggregate(AggregationInput.of(inputs, ref).require(rule));
        }
        final List<ChunkedAggregation.SourcedUpdate> inputs = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            inputs.add(new ChunkedAggregation.SourcedUpdate(keys.get(i), vectors.source(sorted.get(i).id()), w[i]));
        }
        // The result is a start: it is held whole (training and evaluation need it so); the updates are not.
        final float[] out = new float[Math.toIntExact(vectors.parameterCount())];
        try {
            new ChunkedAggregation(rule).aggregate(inputs, ref == null ? null : ParameterSource.of(ref), ParameterSink.into(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The canonical order every rule sees a set in: by weights CID, then claimed samples, then
     * update id. Float sums depend on their order, and an update id comes from its transaction's
     * random nonce: ordered by id, the same updates summed in another order in each run, and
     * their aggregates differed in the last bits between runs. By content first, the same
     * updates give the same bits in every run, as on every machine (docs/formats.md §5); only
     * copies of one file with one claim, which are interchangeable, fall back on the id.
     */
    public static final java.util.Comparator<UpdateView> CANONICAL = java.util.Comparator
            .comparing(UpdateView::weightsCid, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
            .thenComparingLong(UpdateView::samples).thenComparing(UpdateView::id);

    /** {@code updates} in {@link #CANONICAL} order. */
    static List<UpdateView> canonical(final List<UpdateView> updates) {
        return updates.stream().sorted(CANONICAL).toList();
    }

    /**
     * Each update's key for the rule ({@code ModelUpdate.updateId}, which orders the rule's inputs
     * and seeds bucketing), for a set in canonical order: its weights CID, and for copies of one
     * file its place among them ("cid/000000", "cid/000001", ...). A function of the content
     * alone, so the bucket draw is the same in every run too.
     */
    static List<String> keys(final List<UpdateView> sorted) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            final String cid = String.valueOf(sorted.get(i).weightsCid());
            int copy = 0;
            while (copy < i && cid.equals(String.valueOf(sorted.get(i - copy - 1).weightsCid()))) {
                copy++;
            }
            final boolean copied = copy > 0 || i + 1 < sorted.size() && cid.equals(String.valueOf(sorted.get(i + 1).weightsCid()));
            // Fixed width: the rule sorts the keys as strings, and "/10" must follow "/9".
            out.add(copied ? String.format(java.util.Locale.ROOT, "%s/%06d", cid, copy) : cid);
        }
        return out;
    }

    /**
     * The weight the rule gives each of {@code sorted} (canonical order): the model's weighting
     * policy over the set, and, when {@code sharing}, copies of one update sharing one update's weight.
     */
    static long[] weights(final ModelContext ctx, final List<UpdateView> sorted, final boolean sharing, final List<List<UpdateView>> copyGroups) {
        final long[] w = AggregationWeights.of(ctx.model().weightingOrClaimed(), sorted, !ctx.model().federated());
        if (sharing) {
            for (List<UpdateView> copies : copyGroups) {
                for (UpdateView copy : copies) {
                    final int i = sorted.indexOf(copy);
                    w[i] = Math.max(1, w[i] / copies.size());
                }
            }
        }
        return w;
    }

    /**
     * The start of a federated round, its weights known at once while recording or verifying the
     * previous round's aggregate on the ledger may still be under way.
     *
     * @param weights the aggregate to train from (computed here, so correct whatever the ledger says)
     * @param settled completes with the verification outcome; it fails if the ledger refused the
     *        recording for another reason than a concurrent recording
     */
    public record RoundStart(float[] weights, java.util.concurrent.CompletableFuture<StartWeights> settled) {}

    /**
     * Federated: the start of {@code round}, with the previous round's aggregate recorded (when
     * this participant computes it first) or verified. Both run on a background thread, the read
     * of the previous round that tells which one included, so that training waits neither a block
     * (recording: an upload and a transaction) nor a peer round trip (the read: 15-40 ms of the
     * round's start on the network, 2026-12-04 evening).
     */
    public RoundStart beginRound(final ModelContext ctx, final RoundView round) {
        return beginRound(ctx, round, CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #beginRound(ModelContext, RoundView)}, the record read (and made or verified) once
     * {@code settleAfter} completes. Providers sharing a machine pass their training turn: the
     * first in line records at once, and the others, a training later, find the record and verify
     * it, rather than all recording at once (3-5 RecordAggregate per record, all but one refused
     * or invalidated, measured 2026-12-04).
     */
    public RoundStart beginRound(final ModelContext ctx, final RoundView round, final CompletableFuture<?> settleAfter) {
        return beginRound(ctx, round, settleAfter, List.of());
    }

    /**
     * As {@link #beginRound(ModelContext, RoundView, CompletableFuture)}, with the views of the
     * round's parents read already ({@code known}, GetProviderWork's; used when they are exactly
     * the parents, else read as usual).
     */
    public RoundStart beginRound(final ModelContext ctx, final RoundView round, final CompletableFuture<?> settleAfter, final List<UpdateView> known) {
        final List<String> parents = round.parents();
        final Start start = start(ctx, parents, round.number() - 1, known);
        final float[] w = start.weights();
        if (round.number() <= 1 || (parents.size() == 1 && UpdateView.INITIAL.equals(parents.get(0)))) {
            return done(w, new StartWeights(w, parents, ctx.model().initialWeightsCid(), StartWeights.Check.INITIAL));
        }
        final Recomputed mine;
        try {
            mine = Recomputed.of(ctx, start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final int previous = round.number() - 1;
        final java.util.concurrent.CompletableFuture<StartWeights> settled = new java.util.concurrent.CompletableFuture<>();
        final Thread settler = new Thread(() -> {
            try {
                settleAfter.join();
                final RoundView prev = me.ledger().getRound(ctx.id(), previous);
                settled.complete(prev.aggregate() != null && prev.aggregate().cid() != null
                        ? verify(ctx, previous, parents, w, mine, prev)
                        : record(ctx, previous, parents, w, mine));
            } catch (RuntimeException | IOException e) {
                settled.completeExceptionally(e);
            }
        }, "record-aggregate");
        settler.setDaemon(true);
        settler.start();
        return new RoundStart(w, settled);
    }

    /** What this participant computed for a round's record: the start's CID and, with a server optimiser, its state's. */
    private record Recomputed(String cid, String stateCid, float[] state) {
        static Recomputed of(final ModelContext ctx, final Start start) throws IOException {
            if (ctx.optimiser() instanceof NoOptimiser) {
                return new Recomputed(WeightStore.cidOf(ctx.architectureHash(), start.weights()), null, null);
            }
            final float[] state = start.state().flatten();
            return new Recomputed(WeightStore.cidOf(ctx.architectureHash(), start.weights()), WeightStore.cidOf(ctx.architectureHash(), state), state);
        }

        boolean matches(final RoundView.Aggregate recorded) {
            return cid.equals(recorded.cid()) && java.util.Objects.equals(stateCid, recorded.stateCid());
        }
    }

    private void store(final ModelContext ctx, final float[] w, final Recomputed mine) throws IOException {
        me.store().putWeights(ctx.architectureHash(), w);
        if (mine.state() != null) {
            me.store().putWeights(ctx.architectureHash(), mine.state());
        }
    }

    private StartWeights record(final ModelContext ctx, final int previous, final List<String> parents, final float[] w,
            final Recomputed mine) throws IOException {
        store(ctx, w, mine);
        try {
            me.ledger().recordAggregate(ctx.id(), previous, mine.cid(), mine.stateCid());
            return new StartWeights(w, parents, mine.cid(), StartWeights.Check.RECORDED);
        } catch (LedgerException e) {
            if (e.is(Rule.NO_ACCEPTED_UPDATES) || e.is(Rule.AGGREGATION_UNDEFINED) || e.is(Rule.NOT_ROUND_PARTICIPANT)) {
                // The previous round accepted nothing and handed its own parents on, or this
                // provider had no update in it and leaves the record to those who had: either
                // way it trains from the aggregate it computed itself.
                return new StartWeights(w, parents, mine.cid(), StartWeights.Check.LOCAL);
            }
            if (!e.is(Rule.AGGREGATE_ALREADY_RECORDED)) {
                throw e;
            }
            return verify(ctx, previous, parents, w, mine, recordedRound(ctx, previous));
        }
    }

    /**
     * The round once its aggregate is visible. The refusal came from a peer that holds the record,
     * but after a peer kill the read may go to another peer that has not caught up yet (seen in
     * SessionOutageIT): it waits for that peer rather than reading a round without its record.
     */
    private RoundView recordedRound(final ModelContext ctx, final int previous) throws IOException {
        RoundView round = me.ledger().getRound(ctx.id(), previous);
        for (int i = 0; i < 120 && (round.aggregate() == null || round.aggregate().cid() == null); i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for round " + previous + "'s aggregate to be readable", e);
            }
            round = me.ledger().getRound(ctx.id(), previous);
        }
        if (round.aggregate() == null || round.aggregate().cid() == null) {
            throw new IOException("round " + previous + " of " + ctx.id() + " was refused as already recorded, but no peer showed its aggregate within 30 s");
        }
        return round;
    }

    private static RoundStart done(final float[] w, final StartWeights s) {
        return new RoundStart(w, java.util.concurrent.CompletableFuture.completedFuture(s));
    }

    private StartWeights verify(final ModelContext ctx, final int previous, final List<String> parents, final float[] w,
            final Recomputed mine, final RoundView prev) throws IOException {
        final RoundView.Aggregate recorded = prev.aggregate();
        if (mine.matches(recorded)) {
            return new StartWeights(w, parents, mine.cid(), StartWeights.Check.VERIFIED);
        }
        warnings.accept("AGGREGATE MISMATCH in round " + previous + " of " + ctx.id() + ": recorded " + recorded.cid()
                + (recorded.stateCid() == null ? "" : " (state " + recorded.stateCid() + ")") + " by " + recorded.by().shortName()
                + ", recomputed " + mine.cid() + (mine.stateCid() == null ? "" : " (state " + mine.stateCid() + ")")
                + "; disputing and continuing from our own");
        store(ctx, w, mine);
        try {
            me.ledger().disputeAggregate(ctx.id(), previous, mine.cid(), mine.stateCid());
        } catch (LedgerException e) {
            if (!e.is(Rule.DUPLICATE_DISPUTE)) {
                throw e;
            }
        }
        return new StartWeights(w, parents, mine.cid(), StartWeights.Check.DISPUTED);
    }

}

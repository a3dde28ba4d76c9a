package dln.core.protocol;

import dln.api.ContributionRule;
import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import dln.core.aggregation.ChunkedAggregation;
import dln.core.aggregation.FedAvg;
import dln.core.aggregation.LeaveOneOutMeans;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.evaluation.PairedLoss;
import dln.core.storage.VectorSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each update of a scoring round adds, on one member's fragment: the paired loss decrease
 * from the round's aggregate without it (and without its copies, see {@link #copies}) to the
 * aggregate with it, its standard error over the fragment's examples, and the cosine between the
 * update's step and the step of the aggregate without it (which way it goes against the others
 * taken together; for an update that harms, against the others that do not), the same
 * decrease's largest t-statistic over one class's examples (whether it helps any class at all),
 * and its step's norm over the set's lower median step norm (how far it goes against a typical
 * update); the chaincode's rule needs them all, docs/protocol.md §1. The set is the
 * round's fixed submitted set (less the updates this member found insane or could not fetch), so
 * the result does not depend on the order in which members score, nor on when.
 */
final class RoundContributions {

    private final Map<String, DlnLedger.Contribution> byUpdate;

    private RoundContributions(final Map<String, DlnLedger.Contribution> byUpdate) {
        this.byUpdate = byUpdate;
    }

    /**
     * @param set the updates measured together, with their weights
     * @param start the round's start (the parents' aggregate): the model "without" a lone update
     */
    static RoundContributions measure(final ModelContext ctx, final List<UpdateView> set, final Map<String, float[]> weights,
                                      final float[] start, final Evaluator evaluator, final Dataset fragment) {
        return measure(ctx, set, VectorSet.inMemory(weights), new Aggregates.Start(start, ctx.optimiser().initial(start.length)), evaluator,
                fragment);
    }

    /**
     * As {@link #measure(ModelContext, List, Map, float[], Evaluator, Dataset)} over a set fetched
     * whole or to disk: on disk, each aggregate is computed chunk by chunk from the files and only
     * it (and the start) is held whole while it is evaluated.
     */
    static RoundContributions measure(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights,
                                      final Aggregates.Start roundStart, final Evaluator evaluator, final Dataset fragment) {
        return measure(ctx, set, weights, roundStart, evaluator, fragment, Map.of());
    }

    /**
     * As {@link #measure(ModelContext, List, VectorSet, Aggregates.Start, Evaluator, Dataset)},
     * with the losses on {@code fragment} of updates already evaluated alone, by update id (the
     * member's review scored each in one pass, {@link Evaluator#scored}): those are not evaluated
     * again. The same bits either way.
     */
    static RoundContributions measure(final ModelContext trusted, final List<UpdateView> set, final VectorSet weights,
                                      final Aggregates.Start roundStart, final Evaluator evaluator, final Dataset fragment,
                                      final Map<String, double[]> aloneLosses) {
        final ModelContext ctx = trusted.withoutTrust();
        final float[] start = roundStart.weights();
        // Each aggregate is judged as the model it would make: the server optimiser's step from the
        // round's start and state. Under FedAvgM the model moves by lr * (momentum * m + delta), not
        // by delta, so harm measured at the bare aggregate is measured at the wrong point: a label
        // flipper measured t = -1 there took a round from 93.45 % to 75.30 % (docs/protocol.md §1).
        // The start itself (nothing accepted: the round hands its parents on) takes no step.
        final java.util.function.UnaryOperator<float[]> next = ctx.optimiser() instanceof dln.core.optimiser.NoOptimiser ? a -> a
                : a -> a == start ? a : ctx.optimiser().step(start, a, roundStart.state()).model();
        final Map<String, DlnLedger.Contribution> out = new TreeMap<>();
        if (set.isEmpty()) {
            return new RoundContributions(out);
        }
        // The pairs are compared once: leaving a whole group out leaves the others' groups as they were.
        final List<List<UpdateView>> groups = copies(set, weights, start);
        final float[] aggregate = outcome(ctx, set, weights, start, groups);
        final double[] with = evaluator.losses(next.apply(aggregate), fragment);
        final Without without = ctx.rule() instanceof FedAvg ? linear(ctx, set, weights, groups) : subsets(ctx, set, weights, start, groups);
        final StepGeometry geometry = StepGeometry.measure(set, weights, start, roundStart.from());
        final Map<String, Double> norms = geometry.norms();
        // The typical step and the spread count a group of copies once: colluders sending one
        // vector would otherwise set both with their own length and shrink the spread until honest
        // steps of small partitions are "short" (min-sum at 30 %, 32 providers, Dirichlet 0.5: 14
        // honest updates held to no harm, 2026-12-04 late night).
        final double[] sorted = groups.stream()
                .mapToDouble(g -> dln.core.aggregation.LowerMedian.of(g.stream().mapToDouble(u -> norms.get(u.id())).toArray())).sorted().toArray();
        final double typical = dln.core.aggregation.LowerMedian.of(sorted);
        final Double spread = typical > 0 && sorted.length >= DlnLedger.Contribution.MIN_SPREAD_SET ? spread(sorted, typical) : null;
        // Long steps are measured against the ordinary updates alone: left out one at a time, each
        // would be measured against a set that still holds the others, whose overshoot can hide
        // or offset its own (two boosted attackers, seed 9 of the boosted row, docs/protocol.md §1).
        final double measuredSpread = spread == null ? -1 : spread;
        final List<List<UpdateView>> longGroups = typical > 0
                ? groups.stream().filter(g -> g.stream().anyMatch(u -> DlnLedger.Contribution.longStep(norms.get(u.id()) / typical, measuredSpread)))
                        .toList()
                : List.of();
        final List<UpdateView> allLong = longGroups.stream().flatMap(List::stream).toList();
        final float[] ordinaryAggregate = longGroups.size() > 1 ? without.aggregate(allLong) : null;
        // What every long step is measured from, evaluated once a round at each point it is judged at.
        final boolean twoPoints = !(ctx.optimiser() instanceof dln.core.optimiser.NoOptimiser);
        final double[] ordinary = ordinaryAggregate == null ? null : evaluator.losses(next.apply(ordinaryAggregate), fragment);
        final double[] ordinaryBare = ordinaryAggregate == null || !twoPoints ? null : evaluator.losses(ordinaryAggregate, fragment);
        // Long steps that go one way compound: label flippers unlearn the same classes, so one of
        // them added to the ordinary updates can help a fragment while all of them together take
        // the model down (16 providers, IID, 30 % label-flip: each measured t +0.3 to +3.4 alone
        // and was kept, and the round took test accuracy from 91 to 84 %, docs/protocol.md §1).
        // So each long step is also judged with the long steps alike to it (positive cosine)
        // added together, and records the worse.
        final Map<List<UpdateView>, List<UpdateView>> alike = ordinaryAggregate == null ? Map.of() : alike(longGroups, weights, start);
        final Map<List<UpdateView>, double[][]> withAlike = new java.util.HashMap<>();
        // The aggregate of the set without those of {@code kind} that are not {@code kept}: where a
        // group of alike steps is judged, added together to the rest (the whole set's aggregate,
        // the same array, when all of them are kept).
        final java.util.function.BiFunction<List<UpdateView>, List<UpdateView>, float[]> keeping = (kind, kept) -> {
            final List<UpdateView> left = new ArrayList<>(kind);
            left.removeAll(kept);
            return left.isEmpty() ? aggregate : without.aggregate(left);
        };
        final Map<List<UpdateView>, Judged> harm = new java.util.HashMap<>();
        final Map<List<UpdateView>, Double> cosine = new java.util.HashMap<>();
        // How far leaving a group out moves the round's aggregate, in typical steps: what its weight
        // lets its shape do. Short steps shorten the round together (colluders each sending a little
        // less), so a short step's shift is that of leaving every short step of the set out at once:
        // many attackers of small weight together are no smaller than one of their sum.
        final List<List<UpdateView>> shortGroups = typical > 0 && spread != null
                ? groups.stream().filter(g -> g.stream().anyMatch(u -> DlnLedger.Contribution.shortStep(norms.get(u.id()) / typical, spread)))
                        .toList()
                : List.of();
        final List<UpdateView> allShort = shortGroups.stream().flatMap(List::stream).toList();
        final Double shortShift = allShort.isEmpty() ? null
                : UpdateGeometry.distance(aggregate, allShort.size() == set.size() ? start : without.aggregate(allShort)) / typical;
        final Map<List<UpdateView>, Double> shift = new java.util.HashMap<>();
        for (List<UpdateView> group : groups) {
            final float[] others = group.size() == set.size() ? start : without.aggregate(group);
            if (typical > 0) {
                shift.put(group, shortGroups.contains(group) ? shortShift : UpdateGeometry.distance(aggregate, others) / typical);
            }
            final boolean fromOrdinary = ordinaryAggregate != null && longGroups.contains(group);
            final float[] withoutModel = fromOrdinary ? ordinaryAggregate : others;
            final float[] withModel;
            if (fromOrdinary) {
                final List<UpdateView> otherLong = new ArrayList<>(allLong);
                otherLong.removeAll(group);
                withModel = without.aggregate(otherLong);
            } else {
                withModel = null;
            }
            Judged d = new Judged(fromOrdinary ? ordinary : evaluator.losses(next.apply(withoutModel), fragment),
                    withModel == null ? with : evaluator.losses(next.apply(withModel), fragment));
            if (longGroups.contains(group) && twoPoints) {
                // A long step is judged at both points, the bare aggregate and the optimiser's model,
                // by the worse: a boosted step can help the round it is judged in at the optimiser's
                // model while its overshoot, which momentum then carries, shows at the bare one
                // (boosted IID rows, docs/protocol.md §1). Few honest steps are long, so few pay
                // for the second look.
                final double[] bareWithout = fromOrdinary ? ordinaryBare : evaluator.losses(withoutModel, fragment);
                d = d.worse(new Judged(bareWithout, evaluator.losses(withModel == null ? aggregate : withModel, fragment)));
            }
            final List<UpdateView> together = alike.get(group);
            if (together != null && together.size() > group.size()) {
                // Alike long steps share their set: its losses are evaluated once a round.
                final double[][] alikeLosses = withAlike.computeIfAbsent(together, t -> {
                    final float[] model = keeping.apply(allLong, t);
                    return new double[][] {model == aggregate ? with : evaluator.losses(next.apply(model), fragment),
                            twoPoints ? evaluator.losses(model, fragment) : null};
                });
                d = d.worse(new Judged(ordinary, alikeLosses[0]));
                if (twoPoints) {
                    d = d.worse(new Judged(ordinaryBare, alikeLosses[1]));
                }
            }
            harm.put(group, d);
            // A group of copies is one step, and its direction is that step's: honest updates on
            // different data are never copies, and copies clearly against the others are collusion
            // however they help (inner-product manipulation in a first round, docs/protocol.md §1).
            cosine.put(group, alignment(weights, group.get(0), others, start));
        }
        // Which way a harmful update goes is measured against the others that do not harm: late in
        // a run honest steps nearly cancel, so two colluders' consistent steps dominate the mean of
        // the rest, and each would find the other's direction there (two label-flipping providers:
        // cosine 0.44 against all the others, -0.5 against the helpful ones; docs/protocol.md §1).
        // With one harmful group that is the direction already measured.
        final List<List<UpdateView>> harmfulGroups = groups.stream().filter(g -> harm.get(g).loss().mean() < 0).toList();
        if (harmfulGroups.size() > 1) {
            final List<UpdateView> harmful = harmfulGroups.stream().flatMap(List::stream).toList();
            final float[] helpful = harmful.size() == set.size() ? start : without.aggregate(harmful);
            for (List<UpdateView> group : harmfulGroups) {
                cosine.put(group, alignment(weights, group.get(0), helpful, start));
            }
        }
        // Steps clearly against the others compound too: sign flippers each send the negation of an
        // honest step, so each one's harm at a small share is within the fragment's noise while
        // together they undo a third of the round (32 providers, IID, 30 %: 9 of 100 kept with t
        // -0.5 to -1.1, docs/protocol.md §1). So an ordinary step clearly against the others (the
        // chaincode's cosine bound) is also judged with the steps alike to it among those, added
        // together to the rest, and records the worse.
        final List<List<UpdateView>> against = groups.stream()
                .filter(g -> !longGroups.contains(g) && cosine.get(g) != null && DlnLedger.Contribution.clearlyAgainst(cosine.get(g)))
                .toList();
        if (against.size() > 1) {
            final List<UpdateView> allAgainst = against.stream().flatMap(List::stream).toList();
            final float[] rest = allAgainst.size() == set.size() ? start : without.aggregate(allAgainst);
            final double[] lossesRest = evaluator.losses(next.apply(rest), fragment);
            final Map<List<UpdateView>, double[]> withAlikeAgainst = new java.util.HashMap<>();
            for (Map.Entry<List<UpdateView>, List<UpdateView>> e : alike(against, weights, start).entrySet()) {
                if (e.getValue().size() == e.getKey().size()) {
                    continue;
                }
                final double[] lossesWith = withAlikeAgainst.computeIfAbsent(e.getValue(), t -> {
                    final float[] model = keeping.apply(allAgainst, t);
                    return model == aggregate ? with : evaluator.losses(next.apply(model), fragment);
                });
                harm.put(e.getKey(), harm.get(e.getKey()).worse(new Judged(lossesRest, lossesWith)));
            }
        }
        // What each update does alone, class by class, from the round's start: diluted in the
        // round's aggregate, a label flipper's harm hides in the fragment's noise, while alone it
        // makes most classes worse and helps none (docs/protocol.md §1).
        final double[] startLosses = fragment.isRegression() ? null : evaluator.losses(start, fragment);
        for (List<UpdateView> group : groups) {
            final PairedLoss d = harm.get(group).loss();
            final Double best = fragment.isRegression() ? null : harm.get(group).bestClass(fragment);
            for (UpdateView u : group) {
                // How long a step is against the typical one: the chaincode judges a long step by its harm alone.
                final Double ratio = typical > 0 ? norms.get(u.id()) / typical : null;
                final double[] alone = startLosses == null ? null
                        : PairedLoss.byClass(startLosses, aloneLosses.containsKey(u.id()) ? aloneLosses.get(u.id())
                                : evaluator.losses(whole(weights, u.id()), fragment), fragment.labels(), fragment.numClasses());
                final Double aloneBest = alone == null ? null : PairedLoss.bestClass(alone);
                out.put(u.id(), new DlnLedger.Contribution(d.mean(), d.standardError(), cosine.get(group), ratio, group.size(),
                        best, ratio == null ? null : spread, aloneBest, aloneBest == null ? null
                                : PairedLoss.harmedShare(alone, DlnLedger.Contribution.CLASS_T),
                        geometry.trends().get(u.id()), ratio == null ? null : shift.get(group)));
            }
        }
        return new RoundContributions(out);
    }

    /** The whole vector of {@code key} ({@link VectorSet#whole}), a file's failure unchecked as the other measures' are. */
    private static float[] whole(final VectorSet weights, final String key) {
        try {
            return weights.whole(key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A paired measure, from the fragment's losses without and with what is judged. */
    private record Judged(double[] without, double[] with, PairedLoss loss) {
        Judged(final double[] without, final double[] with) {
            this(without, with, PairedLoss.of(without, with));
        }

        /** The one of the two with the smaller t: what a member records when a step is judged more than one way. */
        Judged worse(final Judged other) {
            return other.loss.tStatistic() < loss.tStatistic() ? other : this;
        }

        /** How much the class it helps most gains, in standard errors ({@link PairedLoss#bestClass}). */
        Double bestClass(final Dataset fragment) {
            return PairedLoss.bestClass(without, with, fragment.labels(), fragment.numClasses());
        }
    }

    /**
     * For each of {@code longGroups} (long steps, or steps clearly against the others), the ones
     * among them that go its way: the groups whose step has a positive cosine with its own (itself
     * included), in the given order. A group of copies is one step (its first update stands for it).
     */
    private static Map<List<UpdateView>, List<UpdateView>> alike(final List<List<UpdateView>> longGroups, final VectorSet weights,
            final float[] start) {
        final UpdateGeometry.Steps steps;
        try {
            steps = UpdateGeometry.Steps.measure(weights.sources(longGroups.stream().map(g -> g.get(0).id()).toList()),
                    dln.core.weights.ParameterSource.of(start));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        final Map<List<UpdateView>, List<UpdateView>> out = new java.util.HashMap<>();
        for (int i = 0; i < longGroups.size(); i++) {
            final List<UpdateView> together = new ArrayList<>();
            for (int j = 0; j < longGroups.size(); j++) {
                if (i == j || steps.cosine(i, j) > 0) {
                    together.addAll(longGroups.get(j));
                }
            }
            out.put(longGroups.get(i), List.copyOf(together));
        }
        return out;
    }

    /**
     * The set's spread of step lengths: the lower median of |norm / typical - 1| over the
     * {@code norms}. A robust scale (a minority of long steps leaves it where the others put it),
     * in the same units as the step ratio ({@link DlnLedger.Contribution#longStep}).
     */
    static double spread(final double[] norms, final double typical) {
        return dln.core.aggregation.LowerMedian.of(java.util.Arrays.stream(norms).map(n -> Math.abs(n / typical - 1)).toArray());
    }

    /**
     * Each update's step norm ||w - start||, in double over the coordinates in index order, and,
     * with the federation's last step known ({@code from}), each update's course from the same read
     * of its weights: the cosine of its step with start - from ({@link UpdateGeometry.Steps#trendCosine};
     * absent when either step is zero, and every one without a last step). Where the others' steps
     * say little (small providers that already fit their data barely move), the course the
     * federation took says which way honest work goes. A step's squared norm is the same bits
     * measured alone or beside another vector.
     */
    private record StepGeometry(Map<String, Double> norms, Map<String, Double> trends) {

        static StepGeometry measure(final List<UpdateView> set, final VectorSet weights, final float[] start, final float[] from) {
            final Map<String, Double> norms = new TreeMap<>();
            final Map<String, Double> trends = new TreeMap<>();
            for (UpdateView u : set) {
                final UpdateGeometry.Steps steps;
                try {
                    steps = UpdateGeometry.Steps.measure(from == null ? List.of(weights.source(u.id()))
                            : List.of(weights.source(u.id()), dln.core.weights.ParameterSource.of(from)), dln.core.weights.ParameterSource.of(start));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                norms.put(u.id(), Math.sqrt(steps.dot(0, 0)));
                final double trend = from == null ? Double.NaN : steps.trendCosine(0, 1);
                if (!Double.isNaN(trend)) {
                    trends.put(u.id(), trend);
                }
            }
            return new StepGeometry(java.util.Collections.unmodifiableMap(norms), java.util.Collections.unmodifiableMap(trends));
        }
    }

    /**
     * The cosine between {@code u}'s step and the step of the others' aggregate {@code without}, both
     * from the round's start ({@link UpdateGeometry.Steps}: the same bits in memory and on disk);
     * null when either step is zero (nothing else in the set, or the others' rule handed the start
     * on), which says nothing about the update's direction.
     */
    static Double alignment(final VectorSet weights, final UpdateView u, final float[] without, final float[] start) {
        final double cosine;
        try {
            cosine = UpdateGeometry.Steps.measure(List.of(weights.source(u.id()), dln.core.weights.ParameterSource.of(without)),
                    dln.core.weights.ParameterSource.of(start)).cosine(0, 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Double.isNaN(cosine) ? null : cosine;
    }

    /**
     * The round's aggregate without some of its updates: a group of copies (a lone update is a
     * group of one) or several whole groups together, never the whole set.
     */
    @FunctionalInterface
    private interface Without {
        float[] aggregate(List<UpdateView> group);
    }

    /**
     * Any rule: the rule over the others, their copy groups as they were. n aggregates of n - 1
     * updates: O(n^2 d) per member and round.
     */
    private static Without subsets(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights, final float[] start,
            final List<List<UpdateView>> groups) {
        return group -> {
            final List<UpdateView> others = new ArrayList<>(set);
            others.removeAll(group);
            final List<List<UpdateView>> otherGroups = new ArrayList<>(groups);
            otherGroups.removeIf(g -> !java.util.Collections.disjoint(g, group));
            return outcome(ctx, others, weights, start, otherGroups);
        };
    }

    /**
     * FedAvg: the round's weighted sum less the group's terms, over its total weight less the
     * group's ({@link LeaveOneOutMeans}, which defines the bits); the others keep the weights the
     * round gave them. In memory the sum is made once, O(n d) per member and round; on disk each
     * aggregate is made chunk by chunk from the files with the same definition (the same bits),
     * holding only it whole.
     */
    private static Without linear(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights, final List<List<UpdateView>> groups) {
        final List<UpdateView> sorted = Aggregates.canonical(set);
        final long[] w = Aggregates.weights(ctx, sorted, true, groups);
        final java.util.function.Function<List<UpdateView>, int[]> indices = group -> group.stream().mapToInt(sorted::indexOf).sorted().toArray();
        if (weights.inMemory()) {
            final LeaveOneOutMeans means = new LeaveOneOutMeans(sorted.stream().map(u -> weights.array(u.id())).toArray(float[][]::new), w);
            return group -> means.without(indices.apply(group));
        }
        return group -> {
            try {
                return LeaveOneOutMeans.without(weights.sources(sorted.stream().map(UpdateView::id).toList()), w, indices.apply(group),
                        ChunkedAggregation.DEFAULT_CHUNK);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Steps closer than this in cosine are copies of one update: honest steps on different data measure far below. */
    static final double COPY_COSINE = 0.999;

    /**
     * The set partitioned into groups of copies (steps within {@link #COPY_COSINE} of each other,
     * transitively), in id order. Leave-one-out cannot see the harm of an update that has a copy:
     * without one copy the other still carries it. Sybil identities sending one update, and
     * colluders sending one crafted vector, are therefore left out together, and each is judged
     * by what the group adds.
     */
    static List<List<UpdateView>> copies(final List<UpdateView> set, final Map<String, float[]> weights, final float[] start) {
        return copies(set, VectorSet.inMemory(weights), start);
    }

    /**
     * As {@link #copies(List, Map, float[])} over a set fetched whole or to disk: every pair's step
     * cosine is the same bits as {@link UpdateGeometry#stepCosine} on the whole vectors, and pairs
     * far apart are set aside early ({@link #closePairs}).
     */
    static List<List<UpdateView>> copies(final List<UpdateView> set, final VectorSet weights, final float[] start) {
        final List<UpdateView> sorted = Aggregates.canonical(set);
        final int[] group = new int[sorted.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        for (int[] pair : closePairs(sorted, weights, start)) {
            final int from = group[pair[1]];
            final int to = group[pair[0]];
            for (int k = 0; k < group.length; k++) {
                if (group[k] == from) {
                    group[k] = to;
                }
            }
        }
        final Map<Integer, List<UpdateView>> byGroup = new TreeMap<>();
        for (int i = 0; i < group.length; i++) {
            byGroup.computeIfAbsent(group[i], k -> new ArrayList<>()).add(sorted.get(i));
        }
        return List.copyOf(byGroup.values());
    }

    /**
     * The pairs (i, j), i &lt; j in {@code sorted}, whose steps are within {@link #COPY_COSINE}, ascending:
     * in memory with the exact pre-filter of {@link CloseSteps} (O(n d) for honest sets), on disk
     * from every pair's dot product in one streamed pass; the same pairs either way.
     */
    private static List<int[]> closePairs(final List<UpdateView> sorted, final VectorSet weights, final float[] start) {
        final List<String> ids = sorted.stream().map(UpdateView::id).toList();
        if (weights.inMemory()) {
            return CloseSteps.pairs(ids.stream().map(weights::array).toList(), start, COPY_COSINE);
        }
        final UpdateGeometry.Steps steps;
        try {
            steps = UpdateGeometry.Steps.measure(weights.sources(ids), dln.core.weights.ParameterSource.of(start));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        final List<int[]> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (steps.cosine(i, j) >= COPY_COSINE) {
                    out.add(new int[] {i, j});
                }
            }
        }
        return out;
    }

    /**
     * What a round accepting {@code set} hands on: its aggregate, or its start when the set is
     * empty or too small for the rule (the ledger then records no aggregate and hands the parents on).
     * The start is returned as the same array, never a copy: that identity is how {@code measure}
     * tells "the parents handed on", which takes no optimiser step, from an aggregate equal to them.
     */
    private static float[] outcome(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights, final float[] start,
            final List<List<UpdateView>> copyGroups) {
        return set.size() < Math.max(1, ctx.rule().minimumUpdates()) ? start : Aggregates.aggregate(ctx, set, weights, start, copyGroups);
    }

    /** The contribution of {@code updateId}, or null when it was not in the measured set. */
    DlnLedger.Contribution of(final String updateId) {
        return byUpdate.get(updateId);
    }

    /**
     * As {@link #measure(ModelContext, List, VectorSet, Aggregates.Start, Evaluator, Dataset, Map)},
     * then again among the updates this member's own scores keep, until it keeps what it measured
     * among. What an update adds is measured against the rest of its set, and an attacker's update
     * that every member rejects still shapes the rest: on Dirichlet(0.1) data, where honest
     * decisions are borderline, a set with a sign-flipped or noised update in it decided honest ones
     * otherwise than the same set without it (docs/protocol.md §1, "Measured among the kept"). So
     * the kept updates are measured again among themselves, and each update left out is measured
     * added to them with its copies and, for a step long for its set or clearly against the others,
     * with the left-out steps of that kind that go its way (two sign flippers, or boosted copies,
     * compound, and alone each harms less). Each member decides what it leaves out by the
     * chaincode's rule ({@link ContributionRule#accepts}) on its own latest scores, so the result is
     * still a function of the fixed set and the member's fragment.
     *
     * @param tolerance the model's k
     */
    static RoundContributions measureAmongKept(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights,
                                               final Aggregates.Start roundStart, final Evaluator evaluator, final Dataset fragment,
                                               final Map<String, double[]> aloneLosses, final double tolerance) {
        RoundContributions scores = measure(ctx, set, weights, roundStart, evaluator, fragment, aloneLosses);
        List<UpdateView> among = set;
        // Until what the member's own rule keeps is what its scores were measured among: measured
        // among a kept set that still held an attacker, an honest update can be judged otherwise
        // than among the honest updates alone, and once the attackers are out, the same steps from
        // there lead to the set the honest providers alone would reach (docs/protocol.md §1,
        // "Measured among the kept"). Bounded: a set can alternate between two verdicts.
        for (int pass = 1; pass < MAX_MEASUREMENTS; pass++) {
            final RoundContributions judged = scores;
            final List<UpdateView> kept = set.stream()
                    .filter(u -> ContributionRule.accepts(ContributionRule.Evidence.of(judged.of(u.id())), tolerance)).toList();
            if (kept.equals(among) || kept.isEmpty()) {
                break;
            }
            scores = amongKept(ctx, set, kept, judged, weights, roundStart, evaluator, fragment, aloneLosses);
            among = kept;
        }
        return scores;
    }

    /**
     * The most measurements of one set a member makes: the first, and up to three among what it
     * keeps. Offline (8 providers, Dirichlet 0.1, 30 % attackers and their twins, 27 rows), of 591 members' rounds
     * 114 kept everything at once, 397 settled on the second measurement, 62 on the third, and 18
     * took the fourth.
     */
    static final int MAX_MEASUREMENTS = 4;

    /**
     * {@code set} measured among {@code kept}: the kept updates among themselves, each left-out
     * one added to them as {@code judged} measured it (with its copies, and a long step or one
     * clearly against the others with the left-out steps of its kind that go its way).
     */
    private static RoundContributions amongKept(final ModelContext ctx, final List<UpdateView> set, final List<UpdateView> kept,
                                                final RoundContributions judged, final VectorSet weights, final Aggregates.Start roundStart,
                                                final Evaluator evaluator, final Dataset fragment, final Map<String, double[]> aloneLosses) {
        final Map<String, DlnLedger.Contribution> out = new TreeMap<>(measure(ctx, kept, weights, roundStart, evaluator, fragment, aloneLosses).byUpdate);
        // What is left out is measured as the last measurement judged it: with its copies, and a
        // long step (or one clearly against the others) with the left-out steps of its kind that go
        // its way, since those compound; an ordinary step alone, so that an honest update a
        // member's scores rejected is not judged beside an attacker's step that shares its
        // direction (boosted copies of honest work, Dirichlet 0.1, seed 7: 95 -> 82 % of honest
        // updates kept when it was).
        final List<UpdateView> left = set.stream().filter(u -> !kept.contains(u)).toList();
        final List<List<UpdateView>> groups = copies(left, weights, roundStart.weights());
        // Read through the rule's own evidence: one mapping of what was not measured (no ratio, no spread, no direction).
        final java.util.function.Function<List<UpdateView>, ContributionRule.Evidence> evidence = g -> ContributionRule.Evidence.of(judged.of(g.get(0).id()));
        final java.util.function.Predicate<List<UpdateView>> isLong = g -> DlnLedger.Contribution.longStep(evidence.apply(g).stepRatio(),
                evidence.apply(g).stepSpread());
        final java.util.function.Predicate<List<UpdateView>> isAgainst = g -> !isLong.test(g) && evidence.apply(g).clearlyAgainst();
        final Map<List<UpdateView>, List<UpdateView>> together = new java.util.HashMap<>();
        for (java.util.function.Predicate<List<UpdateView>> kind : List.of(isLong, isAgainst)) {
            final List<List<UpdateView>> ofKind = groups.stream().filter(kind).toList();
            if (!ofKind.isEmpty()) {
                together.putAll(alike(ofKind, weights, roundStart.weights()));
            }
        }
        final Map<List<UpdateView>, RoundContributions> added = new java.util.HashMap<>();
        for (List<UpdateView> group : groups) {
            final List<UpdateView> with = together.getOrDefault(group, group);
            final List<UpdateView> measured = set.stream().filter(v -> kept.contains(v) || with.contains(v)).toList();
            final RoundContributions m = added.computeIfAbsent(measured, s -> measure(ctx, s, weights, roundStart, evaluator, fragment, aloneLosses));
            group.forEach(u -> out.put(u.id(), m.of(u.id())));
        }
        return new RoundContributions(out);
    }
}

package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
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
 * aggregate with it, and its standard error over the fragment's examples. The set is the
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
        return measure(ctx, set, VectorSet.inMemory(weights), start, evaluator, fragment);
    }

    /**
     * As {@link #measure(ModelContext, List, Map, float[], Evaluator, Dataset)} over a set fetched
     * whole or to disk: on disk, each aggregate is computed chunk by chunk from the files and only
     * it (and the start) is held whole while it is evaluated.
     */
    static RoundContributions measure(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights,
                                      final float[] start, final Evaluator evaluator, final Dataset fragment) {
        final Map<String, DlnLedger.Contribution> out = new TreeMap<>();
        if (set.isEmpty()) {
            return new RoundContributions(out);
        }
        // The pairs are compared once: leaving a whole group out leaves the others' groups as they were.
        final List<List<UpdateView>> groups = copies(set, weights, start);
        final double[] with = evaluator.losses(outcome(ctx, set, weights, start, groups), fragment);
        for (List<UpdateView> group : groups) {
            final List<UpdateView> others = new ArrayList<>(set);
            others.removeAll(group);
            final List<List<UpdateView>> otherGroups = new ArrayList<>(groups);
            otherGroups.remove(group);
            final PairedLoss d = PairedLoss.of(evaluator.losses(outcome(ctx, others, weights, start, otherGroups), fragment), with);
            group.forEach(u -> out.put(u.id(), new DlnLedger.Contribution(d.mean(), d.standardError())));
        }
        return new RoundContributions(out);
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
     * cosine comes from one streamed pass over the set ({@link UpdateGeometry.Steps}), the same
     * bits as {@link UpdateGeometry#stepCosine} on the whole vectors.
     */
    static List<List<UpdateView>> copies(final List<UpdateView> set, final VectorSet weights, final float[] start) {
        final List<UpdateView> sorted = set.stream().sorted(java.util.Comparator.comparing(UpdateView::id)).toList();
        final UpdateGeometry.Steps steps;
        try {
            steps = UpdateGeometry.Steps.measure(weights.sources(sorted.stream().map(UpdateView::id).toList()),
                    dln.core.weights.ParameterSource.of(start));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        final int[] group = new int[sorted.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        for (int i = 0; i < group.length; i++) {
            for (int j = i + 1; j < group.length; j++) {
                if (steps.cosine(i, j) >= COPY_COSINE) {
                    final int from = group[j];
                    final int to = group[i];
                    for (int k = 0; k < group.length; k++) {
                        if (group[k] == from) {
                            group[k] = to;
                        }
                    }
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
     * What a round accepting {@code set} hands on: its aggregate, or its start when the set is
     * empty or too small for the rule (the ledger then records no aggregate and hands the parents on).
     */
    private static float[] outcome(final ModelContext ctx, final List<UpdateView> set, final VectorSet weights, final float[] start,
            final List<List<UpdateView>> copyGroups) {
        return set.size() < Math.max(1, ctx.rule().minimumUpdates()) ? start : Aggregates.aggregate(ctx, set, weights, start, copyGroups);
    }

    /** The contribution of {@code updateId}, or null when it was not in the measured set. */
    DlnLedger.Contribution of(final String updateId) {
        return byUpdate.get(updateId);
    }
}

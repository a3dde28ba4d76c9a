package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.evaluation.PairedLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each update of a scoring round adds, on one member's fragment: the paired loss decrease
 * from the round's aggregate without it to the aggregate with it (leave-one-out), and its
 * standard error over the fragment's examples. The set is the
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
        final Map<String, DlnLedger.Contribution> out = new TreeMap<>();
        if (set.isEmpty()) {
            return new RoundContributions(out);
        }
        final double[] with = evaluator.losses(outcome(ctx, set, weights, start), fragment);
        final Map<String, PairedLoss> measured = new TreeMap<>();
        for (UpdateView u : set) {
            final List<UpdateView> others = new ArrayList<>(set);
            others.remove(u);
            measured.put(u.id(), PairedLoss.of(evaluator.losses(outcome(ctx, others, weights, start), fragment), with));
        }
        measured.forEach((id, d) -> out.put(id, new DlnLedger.Contribution(d.mean(), d.standardError())));
        return new RoundContributions(out);
    }

    /**
     * What a round accepting {@code set} hands on: its aggregate, or its start when the set is
     * empty or too small for the rule (the ledger then records no aggregate and hands the parents on).
     */
    private static float[] outcome(final ModelContext ctx, final List<UpdateView> set, final Map<String, float[]> weights, final float[] start) {
        return set.size() < Math.max(1, ctx.rule().minimumUpdates()) ? start : Aggregates.aggregate(ctx, set, weights, start);
    }

    /** The contribution of {@code updateId}, or null when it was not in the measured set. */
    DlnLedger.Contribution of(final String updateId) {
        return byUpdate.get(updateId);
    }
}

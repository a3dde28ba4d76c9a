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
 * from the round's aggregate without it to the aggregate with it (leave-one-out), and the
 * uncertainty it is judged against (see {@link #robustSpread}). The set is the
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
        final double spread = robustSpread(measured.values().stream().mapToDouble(PairedLoss::mean).toArray());
        measured.forEach((id, d) -> out.put(id, new DlnLedger.Contribution(d.mean(), Math.max(d.standardError(), spread))));
        return new RoundContributions(out);
    }

    /**
     * The spread of honest contributions within one round: 1.4826 times the median absolute
     * deviation (the standard deviation of normal data; robust to a minority of outliers), 0 below
     * three updates. On skewed data honest updates differ from one another by far more than the
     * fragment's paired noise, and a test against the paired error alone rejected 15 % of them
     * (16 providers, Dirichlet 0.5, measured); the uncertainty an update's contribution is judged
     * against is the larger of the two.
     */
    static double robustSpread(final double[] contributions) {
        if (contributions.length < 3) {
            return 0;
        }
        final double median = median(contributions);
        final double[] deviations = new double[contributions.length];
        for (int i = 0; i < deviations.length; i++) {
            deviations[i] = Math.abs(contributions[i] - median);
        }
        return 1.4826 * median(deviations);
    }

    private static double median(final double[] values) {
        final double[] v = values.clone();
        java.util.Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
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

package dln.core.protocol;

import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation weight of each update under a model's weighting policy: a pure function of the
 * updates aggregated together, so every participant derives the same integers. A sample count is
 * only its provider's claim; the policy bounds what one claim buys (median cap: an inflating
 * minority cannot move the median), and per organisation the updates of one organisation share
 * the weight of one, so Sybil identities of a member gain nothing. With trust, each weight is
 * scaled by its submitter's accepted share to the policy's power (FLTrust's soft trust, from the
 * ledger's record rather than a server's data). Gossip merges also discount stale parents.
 */
public final class AggregationWeights {

    /** Weights are computed in double and handed to the rule as integers at this resolution (relative 10^-12). */
    static final double RESOLUTION = 1.0e12;

    private AggregationWeights() {
    }

    /** The weights of {@code updates}, in their order, without staleness (federated rounds). */
    public static long[] of(final ModelView.Weighting weighting, final List<UpdateView> updates) {
        return of(weighting, updates, false);
    }

    /**
     * The weights of {@code updates}, in their order: the bounded claim, shared per organisation
     * when the policy says so, times the submitter's {@link UpdateView.Track#share()} to the power
     * {@code weighting.trust()}. With {@code staleness} (gossip merges of
     * parents) an update's weight decays with its age among them, 1/sqrt(1 + rank) with rank 0 for
     * the most recently decided (FedAsync's polynomial staleness, a = 1/2), so an old parent cannot
     * undo newer work. Computed in double in a fixed order, then scaled so the largest weight is
     * {@link #RESOLUTION}: every participant derives the same integers.
     */
    public static long[] of(final ModelView.Weighting weighting, final List<UpdateView> updates, final boolean staleness) {
        final double[] w = new double[updates.size()];
        final long cap = switch (weighting.policy()) {
            case CLAIMED, EQUAL -> Long.MAX_VALUE;
            case CAPPED -> weighting.cap();
            case MEDIAN_CAPPED -> lowerMedian(updates);
        };
        for (int i = 0; i < w.length; i++) {
            w[i] = weighting.policy() == dln.api.WeightingPolicy.EQUAL ? 1 : Math.max(1, Math.min(cap, updates.get(i).samples()));
        }
        if (weighting.perOrganisation()) {
            final Map<String, Integer> perOrg = new HashMap<>();
            updates.forEach(u -> perOrg.merge(organisation(u), 1, Integer::sum));
            for (int i = 0; i < w.length; i++) {
                w[i] /= perOrg.get(organisation(updates.get(i)));
            }
        }
        if (weighting.trust() > 0) {
            // The track was copied into the update by its submission: every participant reads the same counts.
            for (int i = 0; i < w.length; i++) {
                w[i] *= StrictMath.pow(updates.get(i).trackOrNewcomer().share(), weighting.trust());
            }
        }
        if (staleness) {
            final List<UpdateView> newest = updates.stream().sorted(java.util.Comparator.comparing(UpdateView::decidedAt,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).thenComparing(UpdateView::id).reversed()).toList();
            for (int i = 0; i < w.length; i++) {
                w[i] /= StrictMath.sqrt(1.0 + newest.indexOf(updates.get(i)));
            }
        }
        double max = 0;
        for (double x : w) {
            max = Math.max(max, x);
        }
        final long[] out = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.max(1, Math.round(w[i] / max * RESOLUTION));
        }
        return out;
    }

    private static String organisation(final UpdateView u) {
        return u.submitter() == null ? "" : u.submitter().mspId();
    }

    /** The lower median claim: with an even count an inflating half still cannot raise the cap. */
    private static long lowerMedian(final List<UpdateView> updates) {
        return dln.core.aggregation.LowerMedian.of(updates.stream().mapToLong(UpdateView::samples).toArray());
    }
}

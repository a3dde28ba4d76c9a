package dln.core.protocol;

import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation weight of each update under a model's weighting policy: a pure function of the
 * updates aggregated together, so every participant derives the same integers. A sample count is
 * only its provider's claim; the policy bounds what one claim buys (median cap: an inflating
 * minority cannot move the median), and per organisation the updates of one organisation share
 * the weight of one, so Sybil identities of a member gain nothing.
 */
public final class AggregationWeights {

    /** Per-organisation shares are kept in integers at this resolution (deterministic, and 10^-6 relative at worst). */
    static final long SHARE_SCALE = 1_000_000L;

    private AggregationWeights() {
    }

    /** The weights of {@code updates}, in their order. */
    public static long[] of(final ModelView.Weighting weighting, final List<UpdateView> updates) {
        final long[] w = new long[updates.size()];
        final long cap = switch (weighting.policy()) {
            case CLAIMED, EQUAL -> Long.MAX_VALUE;
            case CAPPED -> weighting.cap();
            case MEDIAN_CAPPED -> lowerMedian(updates);
        };
        for (int i = 0; i < w.length; i++) {
            w[i] = switch (weighting.policy()) {
                case EQUAL -> 1;
                default -> Math.max(1, Math.min(cap, updates.get(i).samples()));
            };
        }
        if (!weighting.perOrganisation()) {
            return w;
        }
        final Map<String, Integer> perOrg = new HashMap<>();
        updates.forEach(u -> perOrg.merge(organisation(u), 1, Integer::sum));
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(1, Math.round((double) w[i] * SHARE_SCALE / perOrg.get(organisation(updates.get(i)))));
        }
        return w;
    }

    private static String organisation(final UpdateView u) {
        return u.submitter() == null ? "" : u.submitter().mspId();
    }

    /** The lower median claim: with an even count an inflating half still cannot raise the cap. */
    private static long lowerMedian(final List<UpdateView> updates) {
        final long[] claims = updates.stream().mapToLong(UpdateView::samples).toArray();
        Arrays.sort(claims);
        return claims[(claims.length - 1) / 2];
    }
}

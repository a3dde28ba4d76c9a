package dln.core.protocol;

import dln.api.AcceptancePolicy;
import dln.api.OptimiserSpec;
import dln.api.WeightingPolicy;
import dln.api.WireName;
import dln.api.view.ModelView;
import java.util.Locale;

/**
 * How a model learns beyond its rule: how the committee decides updates and where aggregation
 * weights come from. The one parser of their command-line forms.
 *
 * @param acceptance threshold (absolute score) or contribution (what the update adds)
 * @param tolerance contribution policy: how many standard errors worse an update may make the model
 * @param weighting where aggregation weights come from
 * @param optimiser the server optimiser applied to each round's aggregate (federated)
 */
public record LearningPolicy(AcceptancePolicy acceptance, double tolerance, ModelView.Weighting weighting, OptimiserSpec optimiser) {

    /** Today's ledger defaults: absolute threshold, claimed sample counts, no server optimiser. */
    public static final LearningPolicy THRESHOLD = new LearningPolicy(AcceptancePolicy.THRESHOLD, 0, ModelView.Weighting.CLAIMED,
            OptimiserSpec.none());

    public LearningPolicy {
        if (!(tolerance >= 0 && tolerance <= 100)) {
            throw new IllegalArgumentException("tolerance is a number of standard errors in [0, 100], got " + tolerance);
        }
        if (weighting.policy() == WeightingPolicy.CAPPED && weighting.cap() < 1) {
            throw new IllegalArgumentException("the capped weighting needs a cap of at least 1 sample: write capped:<samples>");
        }
    }

    /** "threshold", or "contribution[:k]" (k standard errors, default 3 as on the ledger), without a server optimiser. */
    public static LearningPolicy parse(final String acceptance, final String weighting) {
        return parse(acceptance, weighting, "none");
    }

    /** As {@link #parse(String, String)}, with a server optimiser such as "fedadam" or "fedavgm:1:0.9". */
    public static LearningPolicy parse(final String acceptance, final String weighting, final String optimiser) {
        final String[] a = acceptance.trim().toLowerCase(Locale.ROOT).split(":", -1);
        final AcceptancePolicy policy = WireName.parse(AcceptancePolicy.class, a[0]).orElseThrow(() -> new IllegalArgumentException(
                "acceptance must be threshold or contribution[:<standard errors>], got '" + acceptance + "'"));
        if (a.length > 2 || (a.length == 2 && policy != AcceptancePolicy.CONTRIBUTION)) {
            throw new IllegalArgumentException("acceptance must be threshold or contribution[:<standard errors>], got '" + acceptance + "'");
        }
        final double k = a.length == 2 ? number(a[1], "acceptance contribution:<standard errors>") : policy == AcceptancePolicy.CONTRIBUTION ? 3.0 : 0;
        return new LearningPolicy(policy, k, weighting(weighting), OptimiserSpec.parse(optimiser));
    }

    /** "claimed", "equal", "median_capped" or "capped:&lt;samples&gt;", each optionally followed by ",per-org". */
    public static ModelView.Weighting weighting(final String text) {
        final String usage = "weighting must be claimed, equal, median_capped or capped:<samples>, optionally followed by ,per-org; got '"
                + text + "'";
        String t = text.trim().toLowerCase(Locale.ROOT);
        final boolean perOrg = t.endsWith(",per-org");
        if (perOrg) {
            t = t.substring(0, t.length() - ",per-org".length());
        }
        final String[] w = t.split(":", -1);
        final WeightingPolicy policy = WireName.parse(WeightingPolicy.class, w[0]).orElseThrow(() -> new IllegalArgumentException(usage));
        if ((w.length == 2) != (policy == WeightingPolicy.CAPPED) || w.length > 2) {
            throw new IllegalArgumentException(usage);
        }
        final long cap = w.length == 2 ? (long) number(w[1], usage) : 0;
        return new ModelView.Weighting(policy, cap, perOrg);
    }

    private static double number(final String s, final String usage) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage + ": '" + s + "' is not a number");
        }
    }

    /** The command-line form, e.g. "contribution:2 median_capped,per-org". */
    public String describe() {
        return (acceptance == AcceptancePolicy.CONTRIBUTION ? "contribution:" + fmt(tolerance) : "threshold") + " "
                + weighting.policy().wire() + (weighting.policy() == WeightingPolicy.CAPPED ? ":" + weighting.cap() : "")
                + (weighting.perOrganisation() ? ",per-org" : "") + (optimiser.name() == dln.api.OptimiserName.NONE ? "" : " " + optimiser.canonical());
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

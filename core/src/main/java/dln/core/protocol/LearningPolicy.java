package dln.core.protocol;

import dln.api.AcceptancePolicy;
import dln.api.OptimiserSpec;
import dln.api.WeightingPolicy;
import dln.api.WireName;
import dln.api.view.ModelView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a model learns beyond its rule: how the committee decides updates, where aggregation
 * weights come from, the server optimiser and the privacy budget. The one parser of their
 * command-line forms.
 *
 * @param acceptance threshold (absolute score) or contribution (what the update adds)
 * @param tolerance contribution policy: how many standard errors worse an update may make the model
 * @param weighting where aggregation weights come from
 * @param optimiser the server optimiser applied to each round's aggregate (federated)
 * @param privacy the differential-privacy budget its updates must keep (docs/privacy.md); null: none
 */
public record LearningPolicy(AcceptancePolicy acceptance, double tolerance, ModelView.Weighting weighting, OptimiserSpec optimiser,
        ModelView.Privacy privacy) {

    /** Today's ledger defaults: absolute threshold, claimed sample counts, no server optimiser, no privacy budget. */
    public static final LearningPolicy THRESHOLD = new LearningPolicy(AcceptancePolicy.THRESHOLD, 0, ModelView.Weighting.CLAIMED,
            OptimiserSpec.none(), null);

    /** The command-line form of "no privacy budget". */
    public static final String NO_PRIVACY = "none";

    private static final String PRIVACY_USAGE = "privacy must be none or epsilon=<e>[,delta=<d>][,noise=<sigma>][,clip=<C>]"
            + " (defaults delta=1e-5, noise=1.5, clip=1.0; e.g. epsilon=3,noise=1.5)";

    public LearningPolicy {
        if (!(tolerance >= 0 && tolerance <= 100)) {
            throw new IllegalArgumentException("tolerance is a number of standard errors in [0, 100], got " + tolerance);
        }
        if (weighting.policy() == WeightingPolicy.CAPPED && weighting.cap() < 1) {
            throw new IllegalArgumentException("the capped weighting needs a cap of at least 1 sample: write capped:<samples>");
        }
        if (privacy != null) {
            checked(privacy);
        }
    }

    /** Without a privacy budget. */
    public LearningPolicy(final AcceptancePolicy acceptance, final double tolerance, final ModelView.Weighting weighting,
            final OptimiserSpec optimiser) {
        this(acceptance, tolerance, weighting, optimiser, null);
    }

    /** This policy with {@code budget} (null: none). */
    public LearningPolicy withPrivacy(final ModelView.Privacy budget) {
        return new LearningPolicy(acceptance, tolerance, weighting, optimiser, budget);
    }

    /** True when updates must be differentially private. */
    public boolean requiresPrivacy() {
        return privacy != null;
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

    /** As {@link #parse(String, String, String)}, with a privacy budget in the form of {@link #privacy(String)}. */
    public static LearningPolicy parse(final String acceptance, final String weighting, final String optimiser, final String privacy) {
        return parse(acceptance, weighting, optimiser).withPrivacy(privacy(privacy));
    }

    /**
     * "none" (null), or "epsilon=3,delta=1e-5,noise=1.1,clip=1.0": each provider's epsilon at
     * delta on the model, and the DP-SGD mechanism (noise multiplier sigma, clipping norm C).
     * Only epsilon is required; the others default to delta 1e-5, noise 1.5 and clip 1.0 (1.5: what the DP-SGD
     * recipe, {@link dln.core.privacy.PrivateTraining}, needs to keep the demo's rounds within epsilon 3).
     */
    public static ModelView.Privacy privacy(final String text) {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(NO_PRIVACY)) {
            return null;
        }
        final Map<String, Double> v = new LinkedHashMap<>(Map.of("delta", 1e-5, "noise", 1.5, "clip", 1.0));
        boolean epsilon = false;
        for (String pair : t.split(",", -1)) {
            final String[] kv = pair.split("=", -1);
            if (kv.length != 2 || !(kv[0].strip().equals("epsilon") || v.containsKey(kv[0].strip()))) {
                throw new IllegalArgumentException(PRIVACY_USAGE + "; got '" + text + "'");
            }
            epsilon |= kv[0].strip().equals("epsilon");
            v.put(kv[0].strip(), number(kv[1].strip(), PRIVACY_USAGE));
        }
        if (!epsilon) {
            throw new IllegalArgumentException(PRIVACY_USAGE + "; epsilon is missing in '" + text + "'");
        }
        return checked(new ModelView.Privacy(v.get("epsilon"), v.get("delta"), v.get("clip"), v.get("noise")));
    }

    /** The chaincode's ranges (ModelSpecReader), so a budget the ledger would refuse is refused before anything starts. */
    private static ModelView.Privacy checked(final ModelView.Privacy p) {
        within("epsilon", p.epsilon(), 100);
        within("delta", p.delta(), 0.01);
        within("clip", p.clip(), 1e6);
        within("noise", p.noiseMultiplier(), 1e3);
        return p;
    }

    private static void within(final String name, final double value, final double max) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException("privacy " + name + " must be above 0 and at most " + fmt(max) + ", got " + value);
        }
    }

    /**
     * "claimed", "equal", "median_capped" or "capped:&lt;samples&gt;", each optionally followed by
     * ",per-org" and by ",trust:&lt;power&gt;" (0 to 8).
     */
    public static ModelView.Weighting weighting(final String text) {
        final String usage = "weighting must be claimed, equal, median_capped or capped:<samples>, optionally followed by ,per-org"
                + " and ,trust:<power 0-8>; got '" + text + "'";
        final String[] parts = text.trim().toLowerCase(Locale.ROOT).split(",", -1);
        final String[] w = parts[0].split(":", -1);
        final WeightingPolicy policy = WireName.parse(WeightingPolicy.class, w[0]).orElseThrow(() -> new IllegalArgumentException(usage));
        if ((w.length == 2) != (policy == WeightingPolicy.CAPPED) || w.length > 2) {
            throw new IllegalArgumentException(usage);
        }
        final long cap = w.length == 2 ? (long) number(w[1], usage) : 0;
        boolean perOrg = false;
        double trust = 0;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("per-org") && !perOrg) {
                perOrg = true;
            } else if (parts[i].startsWith("trust:") && trust == 0) {
                trust = number(parts[i].substring("trust:".length()), usage);
                if (!(trust > 0 && trust <= ModelView.Weighting.MAX_TRUST)) {
                    throw new IllegalArgumentException(usage + ": the trust power must be above 0 and at most " + fmt(ModelView.Weighting.MAX_TRUST));
                }
            } else {
                throw new IllegalArgumentException(usage);
            }
        }
        return new ModelView.Weighting(policy, cap, perOrg, trust);
    }

    private static double number(final String s, final String usage) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage + ": '" + s + "' is not a number");
        }
    }

    /** The command-line form, e.g. "contribution:2 median_capped,per-org" (then the privacy budget, when there is one). */
    public String describe() {
        return String.join(" ", forms().values());
    }

    /**
     * The options of {@code publisher publish} that choose this policy, in the order
     * {@link #describe()} names them: {@code --acceptance contribution:3 --weighting median_capped,trust:1}, then
     * {@code --optimiser} and {@code --privacy} when set.
     */
    public java.util.List<String> publishOptions() {
        final java.util.List<String> out = new java.util.ArrayList<>();
        forms().forEach((option, form) -> {
            out.add(option);
            out.add(form);
        });
        return out;
    }

    /** Each part's command-line form by the publisher's option that reads it: one place for both forms above. */
    private Map<String, String> forms() {
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("--acceptance", acceptance == AcceptancePolicy.CONTRIBUTION ? "contribution:" + fmt(tolerance) : "threshold");
        out.put("--weighting", describe(weighting));
        if (optimiser.name() != dln.api.OptimiserName.NONE) {
            out.put("--optimiser", optimiser.canonical());
        }
        if (privacy != null) {
            out.put("--privacy", describe(privacy));
        }
        return out;
    }

    /** A weighting's command-line form, "median_capped,per-org,trust:1" (what {@link #weighting(String)} reads). */
    public static String describe(final ModelView.Weighting w) {
        return w.policy().wire() + (w.policy() == WeightingPolicy.CAPPED ? ":" + w.cap() : "") + (w.perOrganisation() ? ",per-org" : "")
                + (w.trust() > 0 ? ",trust:" + fmt(w.trust()) : "");
    }

    /** A budget's command-line form, "epsilon=3,delta=1e-05,noise=1.1,clip=1". */
    public static String describe(final ModelView.Privacy p) {
        return "epsilon=" + fmt(p.epsilon()) + ",delta=" + fmt(p.delta()) + ",noise=" + fmt(p.noiseMultiplier()) + ",clip=" + fmt(p.clip());
    }

    private static String fmt(final double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

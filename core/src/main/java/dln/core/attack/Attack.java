package dln.core.attack;

import dln.core.data.Dataset;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a malicious provider corrupts its contribution, for the demo and the evaluation harness:
 * the names {@code --attack} and experiment plans use. The first seven act alone, on the training
 * data before training, on the trained weights after, or both ({@link #poisonData},
 * {@link #poisonWeights}); the informed ones after them need what other providers send, so they
 * act through an {@link Adversary} of an {@link AttackTeam}.
 */
public enum Attack {
    /** Honest. */
    NONE,
    /** Sends start - (trained - start): the update pushes the model the wrong way. */
    SIGN_FLIP,
    /** Sends start + Gaussian noise of the update's own scale times 10. */
    NOISE,
    /** Trains on labels mapped l -> 9 - l. */
    LABEL_FLIP,
    /** Does no training: re-submits its start with tiny noise. */
    FREE_RIDER,
    /** Scales its update by 10 to dominate an average. */
    BOOSTED,
    /**
     * Alone: shifts its own update against its sign by the update's own scale, a one-provider
     * stand-in for Baruch et al. 2019 (see {@link #ALIE} for the paper's colluding attack).
     */
    LITTLE_IS_ENOUGH,
    /**
     * "A little is enough" (Baruch, Baruch and Goldberg, NeurIPS 2019): the attackers pool their
     * honest updates and all send mean - z * std, z from the paper's formula.
     */
    ALIE,
    /** Inner-product manipulation (Xie, Koyejo and Gupta, UAI 2020): all send -epsilon times the attackers' mean update. */
    IPM,
    /**
     * Min-max (Shejwalkar and Houmansadr, NDSS 2021): mean + gamma * perturbation, gamma as large
     * as keeps its farthest distance to the attackers' honest updates within theirs to each other.
     */
    MIN_MAX,
    /** Min-sum (same paper): the sum of squared distances to the honest updates stays within theirs. */
    MIN_SUM,
    /** Honest weights, but claims ten times its samples (and a training time that keeps the rate plausible). */
    INFLATE,
    /** Several identities submit jittered copies of one leader's boosted update. */
    SYBIL,
    /** {@link #ALIE} on the previous round's accepted updates read from the ledger: works alone too. */
    LEDGER_ALIE,
    /** {@link #IPM} on the previous round's accepted updates. */
    LEDGER_IPM,
    /** {@link #MIN_MAX} on the previous round's accepted updates. */
    LEDGER_MIN_MAX,
    /** {@link #MIN_SUM} on the previous round's accepted updates. */
    LEDGER_MIN_SUM,
    /**
     * {@link #NOISE} steered along the federation's last step read from the ledger (cosine 0.05
     * with it), so that the contribution rule's course exemption asks it for one standard error of
     * help instead of k.
     */
    LEDGER_NOISE;

    /** Parses "sign-flip", "noise", ... ; IllegalArgumentException lists the known names. */
    public static Attack parse(final String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown attack '" + s + "' (known: " + known() + ")");
        }
    }

    /** Every wire name, comma-separated: for error messages and option descriptions. */
    public static String known() {
        return java.util.Arrays.stream(values()).map(Attack::wire).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The wire name: "sign-flip". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the provider trains at all. */
    public boolean trains() {
        return this != FREE_RIDER;
    }

    /** True for the attacks that craft their update from the benign ones the ledger accepted last. */
    public boolean readsLedger() {
        return name().startsWith("LEDGER_");
    }

    /** True for the attacks that craft one update from a set of benign estimates (the team's or the ledger's). */
    public boolean crafted() {
        return switch (this) {
            case ALIE, IPM, MIN_MAX, MIN_SUM, LEDGER_ALIE, LEDGER_IPM, LEDGER_MIN_MAX, LEDGER_MIN_SUM -> true;
            default -> false;
        };
    }

    /**
     * The fewest malicious providers that make this attack what it is: two for the colluding
     * attacks that craft one update from the spread of the team's honest updates ({@link #ALIE},
     * {@link #MIN_MAX}, {@link #MIN_SUM}: one update has no spread, so a lone member sends its own
     * honest update) and for {@link #SYBIL} (copies under several identities); one otherwise
     * ({@link #IPM} scales the team's mean, which one update has; the ledger readers take their
     * estimates from the ledger).
     */
    public int minimumTeam() {
        return switch (this) {
            case ALIE, MIN_MAX, MIN_SUM, SYBIL -> 2;
            default -> 1;
        };
    }

    /**
     * Checks that {@code attackers} malicious providers (0: none) can carry this attack out;
     * IllegalArgumentException in one line that says why not and what works alone.
     */
    public void requireTeam(final int attackers) {
        if (attackers > 0 && attackers < minimumTeam()) {
            throw new IllegalArgumentException(wire() + " needs at least " + minimumTeam() + " malicious providers, got " + attackers
                    + (this == SYBIL ? ": a Sybil attack is copies under several identities (boosted is one provider's boost)"
                            : ": it crafts its update from the spread of their honest updates, and one update has none (ledger-" + wire()
                                    + " reads the spread off the ledger and works alone)"));
        }
    }

    /** The data the provider trains on; label flipping negates a regression's (standardised) targets. */
    public Dataset poisonData(final Dataset d) {
        if (this != LABEL_FLIP) {
            return d;
        }
        if (d.isRegression()) {
            final float[] t = d.targets().clone();
            for (int i = 0; i < t.length; i++) {
                t[i] = -t[i];
            }
            return Dataset.regression(d.features(), t, d.numFeatures());
        }
        final int[] labels = d.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.numClasses() - 1 - labels[i];
        }
        return new Dataset(d.features(), labels, d.numFeatures(), d.numClasses());
    }

    /**
     * The weights the provider submits, given where it started and what honest training gave: the
     * seven attacks that act alone; the informed ones (and {@link #LEDGER_NOISE}) return {@code trained} here.
     */
    public float[] poisonWeights(final float[] start, final float[] trained, final long seed) {
        final float[] out = new float[start.length];
        final SplittableRandom r = new SplittableRandom(seed);
        double delta2 = 0;
        for (int i = 0; i < start.length; i++) {
            final double d = trained[i] - start[i];
            delta2 += d * d;
        }
        final double scale = Math.sqrt(delta2 / Math.max(1, start.length));
        for (int i = 0; i < start.length; i++) {
            final float d = trained[i] - start[i];
            out[i] = switch (this) {
                case SIGN_FLIP -> start[i] - d;
                case NOISE -> (float) (start[i] + 10 * scale * gaussian(r));
                case FREE_RIDER -> (float) (start[i] + 1e-4 * gaussian(r));
                case BOOSTED -> start[i] + 10 * d;
                case LITTLE_IS_ENOUGH -> (float) (start[i] + d - 1.0 * scale * Math.signum(d));
                default -> trained[i];
            };
        }
        return out;
    }

    static double gaussian(final SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        final double u1 = Math.max(Double.MIN_VALUE, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

package dln.core.attack;

import dln.core.data.Dataset;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a malicious provider corrupts its contribution, for the demo and the evaluation harness.
 * Each attack acts on the training data before training, on the trained weights after, or both.
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
    /** Shifts its update by a small amount within the honest spread (Baruch et al. 2019). */
    LITTLE_IS_ENOUGH;

    /** Parses "sign-flip", "noise", ... ; IllegalArgumentException lists the known names. */
    public static Attack parse(final String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown attack '" + s + "' (known: none, sign-flip, noise, label-flip, free-rider, boosted, little-is-enough)");
        }
    }

    /** The wire name: "sign-flip". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the provider trains at all. */
    public boolean trains() {
        return this != FREE_RIDER;
    }

    /** The data the provider trains on. */
    public Dataset poisonData(final Dataset d) {
        if (this != LABEL_FLIP) {
            return d;
        }
        final int[] labels = d.labels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.numClasses() - 1 - labels[i];
        }
        return new Dataset(d.features(), labels, d.numFeatures(), d.numClasses());
    }

    /** The weights the provider submits, given where it started and what honest training gave. */
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

    private static double gaussian(final SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        final double u1 = Math.max(Double.MIN_VALUE, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

package dln.core.protocol;

/**
 * How an update moved from where it started, measured in parameter space: pure functions of the
 * vectors (no I/O), in double precision, so every committee member computes the same numbers.
 */
public final class UpdateGeometry {

    private UpdateGeometry() {}

    /** ||w - start|| / ||start||: how far an update moved, relative to the size of the model. */
    public static double relativeDistance(final float[] w, final float[] start) {
        requireSameLength(w, start);
        double d2 = 0;
        double n2 = 0;
        for (int i = 0; i < w.length; i++) {
            final double d = (double) w[i] - start[i];
            d2 += d * d;
            n2 += (double) start[i] * start[i];
        }
        return Math.sqrt(d2) / Math.max(1e-12, Math.sqrt(n2));
    }

    /**
     * The cosine between an update's step {@code w - start} and the federation's previous step
     * {@code start - previous}; NaN when either step is (numerically) zero, which says nothing.
     * Honest steps measured here point the same way as the last round's (0.13-0.50, IID and
     * Dirichlet 0.5); a sign-flipped step points back (-0.40 to -0.48) and added noise is
     * orthogonal (|cos| below 0.01).
     */
    public static double trendCosine(final float[] w, final float[] start, final float[] previous) {
        requireSameLength(start, previous);
        return cosine(w, start, start, previous, start);
    }

    /**
     * The cosine between two updates' steps from their common start; NaN when either step is
     * (numerically) zero. Honest updates on different data stay far from 1; copies of one update
     * with a little jitter (Sybils, colluders sending one crafted vector) are within 10^-3 of it.
     */
    public static double stepCosine(final float[] a, final float[] b, final float[] start) {
        requireSameLength(b, start);
        return cosine(a, start, b, start, start);
    }

    /** cos(x1 - x0, y1 - y0); NaN when either difference is below 10^-12 of {@code scale}'s norm. */
    private static double cosine(final float[] x1, final float[] x0, final float[] y1, final float[] y0, final float[] scale) {
        requireSameLength(x1, x0);
        requireSameLength(y1, y0);
        double dot = 0;
        double x2 = 0;
        double y2 = 0;
        double n2 = 0;
        for (int i = 0; i < x1.length; i++) {
            final double x = (double) x1[i] - x0[i];
            final double y = (double) y1[i] - y0[i];
            dot += x * y;
            x2 += x * x;
            y2 += y * y;
            n2 += (double) scale[i] * scale[i];
        }
        final double tiny = 1e-12 * Math.max(1e-12, n2);
        if (x2 <= tiny || y2 <= tiny) {
            return Double.NaN;
        }
        return dot / Math.sqrt(x2 * y2);
    }

    private static void requireSameLength(final float[] a, final float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " parameters cannot be compared");
        }
    }
}

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
        requireSameLength(w, start);
        requireSameLength(start, previous);
        double dot = 0;
        double s2 = 0;
        double t2 = 0;
        double n2 = 0;
        for (int i = 0; i < w.length; i++) {
            final double step = (double) w[i] - start[i];
            final double trend = (double) start[i] - previous[i];
            dot += step * trend;
            s2 += step * step;
            t2 += trend * trend;
            n2 += (double) start[i] * start[i];
        }
        final double tiny = 1e-12 * Math.max(1e-12, n2);
        if (s2 <= tiny || t2 <= tiny) {
            return Double.NaN;
        }
        return dot / Math.sqrt(s2 * t2);
    }

    /**
     * The cosine between two updates' steps from their common start; NaN when either step is
     * (numerically) zero. Honest updates on different data stay far from 1; copies of one update
     * with a little jitter (Sybils, colluders sending one crafted vector) are within 10^-3 of it.
     */
    public static double stepCosine(final float[] a, final float[] b, final float[] start) {
        requireSameLength(a, start);
        requireSameLength(b, start);
        double dot = 0;
        double a2 = 0;
        double b2 = 0;
        double n2 = 0;
        for (int i = 0; i < a.length; i++) {
            final double x = (double) a[i] - start[i];
            final double y = (double) b[i] - start[i];
            dot += x * y;
            a2 += x * x;
            b2 += y * y;
            n2 += (double) start[i] * start[i];
        }
        final double tiny = 1e-12 * Math.max(1e-12, n2);
        if (a2 <= tiny || b2 <= tiny) {
            return Double.NaN;
        }
        return dot / Math.sqrt(a2 * b2);
    }

    private static void requireSameLength(final float[] a, final float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " parameters cannot be compared");
        }
    }
}

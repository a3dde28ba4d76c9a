package dln.core.secagg;

import dln.api.Rule;

/**
 * Weights as fixed-point integers in the ring Z/2^64, where Java's {@code long} arithmetic
 * wraps: masks added and removed in this ring cancel exactly, so the unmasked sum is the sum of
 * the quantised vectors to the last bit, whatever the masks were. 2^24 steps per unit keep a
 * resolution of 6e-8 (below float32's at the magnitudes weights and steps have); values are
 * bounded by 2^28 so that the sum of up to {@link #MAX_PARTIES} vectors cannot wrap.
 */
public final class FixedPoint {
    /** Fractional bits. */
    public static final int SCALE_BITS = 24;
    /** |x| must stay below this (2^28) before quantisation. */
    public static final double MAX_MAGNITUDE = 1 << 28;
    /** Providers whose sum still fits in a signed 64-bit integer: 2^63 / 2^(28+24) = 2^11. */
    public static final int MAX_PARTIES = 1 << 11;
    private static final double SCALE = 1L << SCALE_BITS;

    private FixedPoint() {
    }

    /** round(x · 2^24) for every coordinate; refuses non-finite values and values beyond {@link #MAX_MAGNITUDE}. */
    public static long[] quantise(final float[] x) {
        final long[] q = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            final double v = x[i];
            if (!(Math.abs(v) < MAX_MAGNITUDE)) {
                throw new SecureAggregationException(Rule.INVALID_FIELD, "coordinate " + i + " is " + v
                        + "; secure aggregation quantises values below " + MAX_MAGNITUDE + " in magnitude");
            }
            q[i] = Math.round(v * SCALE);
        }
        return q;
    }

    /** The mean of {@code count} vectors whose quantised sum is {@code sum}, as floats. */
    public static float[] mean(final long[] sum, final int count) {
        return mean(sum, (double) count);
    }

    /** The weighted mean of vectors already scaled by their weights, whose quantised sum is {@code sum} and weights total {@code weight}. */
    public static float[] mean(final long[] sum, final double weight) {
        final float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / SCALE / weight);
        }
        return out;
    }

    /** Coordinate-wise sum in the ring (wrapping). */
    public static long[] add(final long[] a, final long[] b) {
        check(a, b);
        final long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** Coordinate-wise difference in the ring (wrapping). */
    public static long[] subtract(final long[] a, final long[] b) {
        check(a, b);
        final long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] -= b[i];
        }
        return out;
    }

    private static void check(final long[] a, final long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " coordinates");
        }
    }
}

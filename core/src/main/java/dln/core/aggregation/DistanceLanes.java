package dln.core.aggregation;

/**
 * The running squared L2 distance between two vectors, fed in consecutive ranges: 256 double
 * lanes, lane k summing {@code (a_j - b_j)^2} over the coordinates j = k, k + 256, ... in order
 * (j counted from the first coordinate fed), then the lanes added in order. The element-wise inner
 * loop vectorises, and the fixed order gives the same bits whether the vectors come whole or in
 * ranges, as long as every range but the last is a whole number of lanes long.
 */
final class DistanceLanes {
    private final double[] lanes = new double[VectorMath.LANES];
    private boolean ended;

    /**
     * Adds coordinates {@code from .. to - 1} of {@code a} and {@code b}.
     *
     * @throws IllegalStateException if an earlier range was not a whole number of lanes long
     */
    DistanceLanes add(float[] a, float[] b, int from, int to) {
        if (ended) {
            throw new IllegalStateException("only the last range may end inside a block of " + VectorMath.LANES + " coordinates");
        }
        int j = from;
        for (; j + VectorMath.LANES <= to; j += VectorMath.LANES) {
            for (int k = 0; k < VectorMath.LANES; k++) {
                double d = (double) a[j + k] - b[j + k];
                lanes[k] += d * d;
            }
        }
        ended = j < to;
        for (int k = 0; j < to; j++, k++) {
            double d = (double) a[j] - b[j];
            lanes[k] += d * d;
        }
        return this;
    }

    /**
     * Adds {@code a[0 .. length)} against {@code centre[centreFrom .. centreFrom + length)}: a range of
     * a vector against the same range of a double-precision centre held whole (centered clipping).
     *
     * @throws IllegalStateException if an earlier range was not a whole number of lanes long
     */
    DistanceLanes add(float[] a, double[] centre, int centreFrom, int length) {
        if (ended) {
            throw new IllegalStateException("only the last range may end inside a block of " + VectorMath.LANES + " coordinates");
        }
        int j = 0;
        for (; j + VectorMath.LANES <= length; j += VectorMath.LANES) {
            for (int k = 0; k < VectorMath.LANES; k++) {
                double d = a[j + k] - centre[centreFrom + j + k];
                lanes[k] += d * d;
            }
        }
        ended = j < length;
        for (int k = 0; j < length; j++, k++) {
            double d = a[j] - centre[centreFrom + j];
            lanes[k] += d * d;
        }
        return this;
    }

    /** The squared distance of everything added. */
    double sum() {
        double s = 0;
        for (double v : lanes) {
            s += v;
        }
        return s;
    }
}

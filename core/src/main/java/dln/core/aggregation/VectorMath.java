package dln.core.aggregation;

/**
 * Loops shared by the rules. Java floating point is strict, so any fixed summation order gives
 * the same bits on every JVM; the orders here are chosen so the JIT can vectorise them.
 */
final class VectorMath {
    static final int LANES = 256;
    private VectorMath() {
    }

    static double squaredDistance(float[] a, float[] b) {
        return squaredDistance(a, b, 0, a.length);
    }

    /**
     * Squared L2 distance over coordinates [from, to): 256 double lanes, lane k summing the
     * coordinates at offsets k, k + 256, ... in order, then the lanes in order
     * ({@link DistanceLanes}, which also computes it range by range with the same bits).
     */
    static double squaredDistance(float[] a, float[] b, int from, int to) {
        return new DistanceLanes().add(a, b, from, to).sum();
    }

    /**
     * Squared L2 distance between a vector and a double-precision centre, in the lane order of
     * {@link #squaredDistance(float[], float[], int, int)}, so centered clipping can keep its
     * centre in double across iterations.
     */
    static double squaredDistance(float[] a, double[] centre) {
        return new DistanceLanes().add(a, centre, 0, a.length).sum();
    }

    /** Sample-weighted mean of the selected updates (indices ascending), accumulated in double. */
    static float[] weightedMean(AggregationInput input, int[] selected) {
        double total = 0;
        for (int i : selected) {
            total += input.updates().get(i).samples();
        }
        double[] acc = new double[input.dimension()];
        for (int i : selected) {
            ModelUpdate u = input.updates().get(i);
            double w = u.samples() / total;
            float[] p = u.params();
            for (int j = 0; j < acc.length; j++) {
                acc[j] += w * p[j];
            }
        }
        return toFloat(acc);
    }

    /** The updates' total sample weight, summed in canonical order. */
    static double totalSamples(AggregationInput input) {
        double total = 0;
        for (ModelUpdate u : input.updates()) {
            total += u.samples();
        }
        return total;
    }

    /**
     * {@code ref + scale * sum_i weights[i] * (x_i - ref)}: the updates' steps from the reference,
     * weighted and accumulated in double in canonical order, the sum scaled once (norm clipping
     * with scale 1, FedNova with its mean step count).
     */
    static float[] fromReference(AggregationInput input, float[] ref, double[] weights, double scale) {
        double[] acc = new double[input.dimension()];
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            float[] p = input.updates().get(i).params();
            for (int j = 0; j < acc.length; j++) {
                acc[j] += w * ((double) p[j] - ref[j]);
            }
        }
        float[] out = new float[acc.length];
        for (int j = 0; j < acc.length; j++) {
            out[j] = (float) (ref[j] + scale * acc[j]);
        }
        return out;
    }

    static float[] toFloat(double[] acc) {
        float[] out = new float[acc.length];
        for (int j = 0; j < acc.length; j++) {
            out[j] = (float) acc[j];
        }
        return out;
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}

package dln.core.aggregation;

/**
 * Loops shared by the rules. Sums run over four interleaved double accumulators combined in a
 * fixed order: that keeps the result bit-exact on every JVM (Java floating point is strict) while
 * breaking the add-latency chain that makes a single accumulator 3-4x slower.
 */
final class VectorMath {
    private VectorMath() {
    }

    static double squaredDistance(float[] a, float[] b) {
        int n = a.length;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double d0 = (double) a[j] - b[j];
            double d1 = (double) a[j + 1] - b[j + 1];
            double d2 = (double) a[j + 2] - b[j + 2];
            double d3 = (double) a[j + 3] - b[j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < n; j++) {
            double d = (double) a[j] - b[j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
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

    /** Insertion sort: faster than Arrays.sort for the ~16 values per coordinate, same order. */
    static void sortSmall(float[] v, int n) {
        for (int i = 1; i < n; i++) {
            float x = v[i];
            int k = i - 1;
            while (k >= 0 && v[k] > x) {
                v[k + 1] = v[k];
                k--;
            }
            v[k + 1] = x;
        }
    }
}

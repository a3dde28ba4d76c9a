package dln.core.aggregation;

import java.util.Arrays;

/**
 * Multi-Krum (Blanchard et al., 2017): each update is scored by the sum of squared distances to
 * its {@code n - f - 2} nearest other updates; the {@code m} lowest-scored updates (ties broken by
 * canonical position) are averaged, weighted by samples.
 *
 * @param f the number of Byzantine updates tolerated; needs {@code n >= 2f + 3}
 * @param m how many updates to select, 1..n-f (Krum is m = 1)
 */
public record MultiKrum(int f, int m) implements AggregationRule {
    private static final int LANES = VectorMath.LANES;

    public MultiKrum {
        if (f < 0 || m < 1) {
            throw new IllegalArgumentException("multi-krum needs f >= 0 and m >= 1, got f=" + f + ", m=" + m);
        }
    }

    @Override
    public int minimumUpdates() {
        return Math.max(2 * f + 3, m + f);
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        int n = input.size();
        if (n < 2 * f + 3) {
            throw new IllegalArgumentException("multi-krum(f=" + f + ") needs at least " + (2 * f + 3)
                    + " updates, got " + n);
        }
        if (m > n - f) {
            throw new IllegalArgumentException("multi-krum m=" + m + " exceeds n - f = " + (n - f));
        }
        float[][] vs = Vectors.of(input);
        double[][] dist = pairwiseSquaredDistances(vs, input.dimension());
        int neighbours = n - f - 2;
        double[] score = new double[n];
        double[] row = new double[n - 1];
        for (int a = 0; a < n; a++) {
            int r = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    row[r++] = dist[a][b];
                }
            }
            Arrays.sort(row);
            double s = 0;
            for (int k = 0; k < neighbours; k++) {
                s += row[k];
            }
            score[a] = s;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(score[x], score[y]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] selected = new int[m];
        for (int i = 0; i < m; i++) {
            selected[i] = order[i];
        }
        Arrays.sort(selected);
        return VectorMath.weightedMean(input, selected);
    }

    /**
     * All pairwise squared distances. Each pair keeps LANES float accumulators, lane j summing
     * {@code (x - y)^2} (float arithmetic) over coordinates j, j + LANES, j + 2 LANES, ... in order;
     * the lanes are then added in order in double. The element-wise inner loop vectorises (8 floats
     * per AVX2 instruction) and the vectors' current blocks stay in cache. Float lanes lose a
     * little precision, which only affects ranking, and the fixed order keeps it bit-reproducible.
     */
    private static double[][] pairwiseSquaredDistances(float[][] vs, int dim) {
        int n = vs.length;
        float[][][] lanes = new float[n][n][];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                lanes[a][b] = new float[LANES];
            }
        }
        int full = dim - dim % LANES;
        for (int start = 0; start < full; start += LANES) {
            for (int a = 0; a < n; a++) {
                float[] x = vs[a];
                for (int b = a + 1; b < n; b++) {
                    float[] y = vs[b];
                    float[] acc = lanes[a][b];
                    for (int j = 0; j < LANES; j++) {
                        float d = x[start + j] - y[start + j];
                        acc[j] += d * d;
                    }
                }
            }
        }
        double[][] dist = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = 0;
                for (float v : lanes[a][b]) {
                    s += v;
                }
                s += VectorMath.squaredDistance(vs[a], vs[b], full, dim);
                dist[a][b] = s;
                dist[b][a] = s;
            }
        }
        return dist;
    }

    @Override
    public String describe() {
        return "multi-krum(f=" + f + ",m=" + m + ")";
    }
}

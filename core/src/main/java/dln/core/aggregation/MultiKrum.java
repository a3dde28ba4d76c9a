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
        check(n);
        KrumDistances distances = new KrumDistances(n, input.dimension());
        distances.add(Vectors.of(input), input.dimension());
        return VectorMath.weightedMean(input, select(distances.distances()));
    }

    /** Refuses too few updates for f and m. */
    void check(int n) {
        if (n < 2 * f + 3) {
            throw new IllegalArgumentException("multi-krum(f=" + f + ") needs at least " + (2 * f + 3)
                    + " updates, got " + n);
        }
        if (m > n - f) {
            throw new IllegalArgumentException("multi-krum m=" + m + " exceeds n - f = " + (n - f));
        }
    }

    /**
     * The m updates to average, as ascending canonical positions: the lowest scores, each the sum
     * of its n - f - 2 smallest squared distances to the others, ties broken by position.
     */
    int[] select(double[][] dist) {
        int n = dist.length;
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
        return selected;
    }

    @Override
    public String describe() {
        return "multi-krum(f=" + f + ",m=" + m + ")";
    }
}

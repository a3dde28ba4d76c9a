package dln.core.aggregation;

/**
 * Coordinate-wise trimmed mean: per coordinate, sort the values, drop the
 * {@code k = floor(beta * n)} smallest and the k largest, and average the rest (unweighted,
 * in ascending order, in double).
 *
 * @param beta the fraction trimmed at each end, in [0, 0.5)
 */
public record TrimmedMean(double beta) implements AggregationRule {
    public TrimmedMean {
        if (!(beta >= 0 && beta < 0.5)) {
            throw new IllegalArgumentException("trimmed mean beta must be in [0, 0.5), got " + beta);
        }
    }

    @Override
    public java.util.Set<RuleInput> needs() {
        return java.util.Set.of();
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        int n = input.size();
        int k = (int) Math.floor(beta * n);
        int kept = n - 2 * k;
        float[] out = new float[input.dimension()];
        double[] sum = new double[SortedColumns.BLOCK];
        SortedColumns.forEachBlock(input, (rows, start, len) -> {
            java.util.Arrays.fill(sum, 0, len, 0.0);
            for (int i = k; i < n - k; i++) {
                float[] row = rows[i];
                for (int j = 0; j < len; j++) {
                    sum[j] += row[j];
                }
            }
            for (int j = 0; j < len; j++) {
                out[start + j] = (float) (sum[j] / kept);
            }
        });
        return out;
    }

    @Override
    public String describe() {
        return "trimmed-mean(beta=" + beta + ")";
    }
}

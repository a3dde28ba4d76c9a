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
    public float[] aggregate(AggregationInput input) {
        int n = input.size();
        int k = (int) Math.floor(beta * n);
        float[][] vs = Vectors.of(input);
        float[] column = new float[n];
        float[] out = new float[input.dimension()];
        int kept = n - 2 * k;
        for (int j = 0; j < out.length; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = vs[i][j];
            }
            VectorMath.sortSmall(column, n);
            double s = 0;
            for (int i = k; i < n - k; i++) {
                s += column[i];
            }
            out[j] = (float) (s / kept);
        }
        return out;
    }

    @Override
    public String describe() {
        return "trimmed-mean(beta=" + beta + ")";
    }
}

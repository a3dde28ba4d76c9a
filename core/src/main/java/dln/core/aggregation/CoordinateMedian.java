package dln.core.aggregation;

/**
 * Coordinate-wise median (unweighted). For an even count the two middle values are averaged in
 * double. Robust to fewer than half of the updates being arbitrary.
 */
public record CoordinateMedian() implements AggregationRule {
    @Override
    public float[] aggregate(AggregationInput input) {
        int n = input.size();
        float[][] vs = Vectors.of(input);
        float[] column = new float[n];
        float[] out = new float[input.dimension()];
        for (int j = 0; j < out.length; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = vs[i][j];
            }
            VectorMath.sortSmall(column, n);
            out[j] = (n % 2 == 1)
                    ? column[n / 2]
                    : (float) (((double) column[n / 2 - 1] + column[n / 2]) / 2.0);
        }
        return out;
    }

    @Override
    public String describe() {
        return "median";
    }
}

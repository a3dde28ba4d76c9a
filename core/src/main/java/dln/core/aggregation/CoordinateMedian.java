package dln.core.aggregation;

/**
 * Coordinate-wise median (unweighted). For an even count the two middle values are averaged in
 * double. Robust to fewer than half of the updates being arbitrary.
 */
public record CoordinateMedian() implements AggregationRule {
    @Override
    public java.util.Set<RuleInput> needs() {
        return java.util.Set.of();
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        int n = input.size();
        float[] out = new float[input.dimension()];
        SortedColumns.forEachBlock(input, (rows, start, len) -> {
            for (int j = 0; j < len; j++) {
                out[start + j] = (n % 2 == 1)
                        ? rows[n / 2][j]
                        : (float) (((double) rows[n / 2 - 1][j] + rows[n / 2][j]) / 2.0);
            }
        });
        return out;
    }

    @Override
    public String describe() {
        return "median";
    }
}

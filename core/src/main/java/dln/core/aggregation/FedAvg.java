package dln.core.aggregation;

/**
 * Federated averaging: the mean of the updates weighted by their sample counts,
 * {@code sum_i (n_i / N) * x_i}, accumulated in double in canonical order.
 */
public record FedAvg() implements AggregationRule {
    @Override
    public float[] aggregate(AggregationInput input) {
        return VectorMath.weightedMean(input, VectorMath.all(input.size()));
    }

    @Override
    public String describe() {
        return "fedavg";
    }
}

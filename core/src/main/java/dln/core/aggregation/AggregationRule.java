package dln.core.aggregation;

/**
 * A deterministic aggregation rule: a pure function of its canonically ordered input and its own
 * parameters. Implementations do no I/O, read no clock and use no randomness; they accumulate in
 * {@code double} in a fixed order so that every participant on every JVM gets identical bits.
 */
public interface AggregationRule {

    /** Aggregates the input into a new parameter vector of {@link AggregationInput#dimension()}. */
    float[] aggregate(AggregationInput input);

    /**
     * What the rule reads besides the vectors; an input that lacks one is refused by name
     * ({@link AggregationInput#require}).
     */
    default java.util.Set<RuleInput> needs() {
        return java.util.Set.of(RuleInput.SAMPLE_WEIGHTS);
    }

    /**
     * The fewest updates the rule is defined on (Multi-Krum: 2f+3 and m+f). With fewer, the
     * protocol aggregates them by FedAvg instead, every participant alike; this is the only
     * place one rule stands in for another.
     */
    default int minimumUpdates() {
        return 1;
    }

    /** A stable textual description, e.g. {@code trimmed-mean(beta=0.1)}, for logs and the ledger. */
    String describe();
}

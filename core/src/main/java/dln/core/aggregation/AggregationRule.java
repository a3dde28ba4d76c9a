package dln.core.aggregation;

/**
 * A deterministic aggregation rule: a pure function of its canonically ordered input and its own
 * parameters. Implementations do no I/O, read no clock and use no randomness; they accumulate in
 * {@code double} in a fixed order so that every participant on every JVM gets identical bits.
 */
public interface AggregationRule {

    /** Aggregates the input into a new parameter vector of {@link AggregationInput#dimension()}. */
    float[] aggregate(AggregationInput input);

    /** A stable textual description, e.g. {@code trimmed-mean(beta=0.1)}, for logs and the ledger. */
    String describe();
}

package dln.core.aggregation;

/** What an aggregation rule reads besides the updates' vectors. */
public enum RuleInput {
    /** Each update's sample count, as its weight. */
    SAMPLE_WEIGHTS,
    /** A reference vector (the updates' common start), e.g. to clip deltas against it. */
    REFERENCE
}

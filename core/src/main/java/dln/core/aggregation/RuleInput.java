package dln.core.aggregation;

/** What an aggregation rule reads besides the updates' vectors. */
public enum RuleInput {
    /** Each update's sample count, as its weight. */
    SAMPLE_WEIGHTS,
    /**
     * The reference vector: the previous global model, the round's start that every update
     * trained from; norm clipping and centered clipping measure each update's step from it.
     */
    REFERENCE
}

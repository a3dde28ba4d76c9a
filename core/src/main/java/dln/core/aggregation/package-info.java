/**
 * Deterministic aggregation of parameter vectors: every participant must obtain identical bits.
 *
 * <p>Build an {@link dln.core.aggregation.AggregationInput} (it sorts the updates by their key, the
 * protocol's content keys, and
 * validates them), pick a rule with {@link dln.core.aggregation.AggregationRules#parse} and call
 * {@link dln.core.aggregation.AggregationRule#aggregate}. Rules are pure functions over
 * {@code float[]}; docs/formats.md section 5 specifies each one's arithmetic.
 *
 * <p>Vectors too large to hold together (8 updates of a 100M-parameter model) go through
 * {@link dln.core.aggregation.ChunkedAggregation}, a driver that reads them by ranges from weight
 * files and runs the same rules chunk by chunk of coordinates, with the same bits.
 */
package dln.core.aggregation;

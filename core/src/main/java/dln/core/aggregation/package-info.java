/**
 * Deterministic aggregation of parameter vectors: every participant must obtain identical bits.
 *
 * <p>Build an {@link dln.core.aggregation.AggregationInput} (it sorts the updates by id and
 * validates them), pick a rule with {@link dln.core.aggregation.AggregationRules#parse} and call
 * {@link dln.core.aggregation.AggregationRule#aggregate}. Rules are pure functions over
 * {@code float[]}; docs/formats.md section 5 specifies each one's arithmetic.
 */
package dln.core.aggregation;

/**
 * Architecture specs (JSON, canonical form, hash) with their layers and heads, the one flat
 * parameter order ({@link dln.core.model.ArchitecturePlan}), deterministic initialisation, the two
 * engines behind {@link dln.core.model.Network} (the fast {@link dln.core.model.DirectNetwork} and
 * the SameDiff graph that runs every layer), and export to a DL4J {@code MultiLayerNetwork}.
 */
package dln.core.model;

/**
 * Architecture specs (JSON, canonical form, hash), the one flat parameter order
 * ({@link dln.core.model.ArchitecturePlan}), deterministic initialisation, the SameDiff graph that
 * trains and evaluates, and export to a DL4J {@code MultiLayerNetwork}.
 */
package dln.core.model;

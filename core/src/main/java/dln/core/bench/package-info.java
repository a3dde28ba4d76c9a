/** Benchmarks of the learning core (printed tables, not tests): run {@link dln.core.bench.CoreBench}. */
package dln.core.bench;

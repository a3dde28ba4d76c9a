/** Benchmarks of the storage layer; entry points with a {@code main}, not tests. */
package dln.ipfs.bench;

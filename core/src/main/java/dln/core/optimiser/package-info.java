/**
 * Server optimisers: how the next global model follows from the current one and the round's
 * aggregate (Reddi et al. 2021, "Adaptive Federated Optimization"; FedAvgM, Hsu et al. 2019).
 *
 * <p>Like the aggregation rules they are pure functions: {@link dln.core.optimiser.ServerOptimiser#step}
 * reads the current model, the aggregate and the optimiser's state and returns the next model and
 * the next state, with no I/O, clock or randomness. Each coordinate is computed on its own in
 * double from float inputs and rounded to float once, so every participant gets the same bits.
 * The state is plain float vectors, stored between rounds as one weight file
 * ({@link dln.core.optimiser.OptimiserState#flatten()}).
 */
package dln.core.optimiser;

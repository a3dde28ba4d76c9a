package dln.core.optimiser;

/**
 * A server optimiser: a pure function from the current global model, the round's aggregate and
 * the optimiser's state to the next global model and state. The pseudo-gradient is
 * {@code delta = aggregate - current} (the direction the round moved the model, Reddi et al.'s
 * Δ_t), so the identity optimiser returns the aggregate and FedAvg is the special case of every
 * optimiser with a unit rate and no memory.
 */
public interface ServerOptimiser {

    /**
     * The next global model and state. {@code current} and {@code aggregate} have one length,
     * the dimension; {@code state} is {@link #initial} of that dimension in the first round and
     * the previous step's state after. IllegalArgumentException if the lengths or the state's
     * shape do not match.
     */
    Step step(float[] current, float[] aggregate, OptimiserState state);

    /** The state before the first round, for a model of {@code dimension} parameters. */
    OptimiserState initial(int dimension);

    /** How many vectors of the model's dimension the state holds (0, 1 or 2). */
    int stateVectors();

    /** A stable textual description, e.g. {@code fedadam(lr=0.01,beta1=0.9,beta2=0.99,tau=0.001)}. */
    String describe();

    /**
     * One optimiser step's result.
     *
     * @param model the next global model
     * @param state the state to pass to the next step
     */
    record Step(float[] model, OptimiserState state) {
    }
}

package dln.core.optimiser;

/**
 * No server optimiser ({@code none}): the next global model is the aggregate, bit for bit, and
 * there is no state. It exists so the protocol always calls an optimiser, one code path for all.
 */
public record NoOptimiser() implements ServerOptimiser {

    @Override
    public Step step(final float[] current, final float[] aggregate, final OptimiserState state) {
        Shapes.check(this, current, aggregate, state);
        return new Step(aggregate.clone(), state);
    }

    @Override
    public OptimiserState initial(final int dimension) {
        return OptimiserState.empty();
    }

    @Override
    public int stateVectors() {
        return 0;
    }

    @Override
    public String describe() {
        return "none";
    }
}

package dln.core.optimiser;

/** The one check every optimiser makes before a step, so the messages agree. */
final class Shapes {
    private Shapes() {
    }

    static void check(final ServerOptimiser o, final float[] current, final float[] aggregate, final OptimiserState state) {
        if (current.length != aggregate.length) {
            throw new IllegalArgumentException(o.describe() + ": the current model has " + current.length
                    + " parameters and the aggregate " + aggregate.length + "; pass the two vectors of one model");
        }
        final boolean shaped = state.count() == o.stateVectors()
                && (state.count() == 0 || state.vector(0).length == current.length);
        if (!shaped) {
            throw new IllegalArgumentException(o.describe() + " needs a state of " + o.stateVectors() + " vector(s) of "
                    + current.length + " floats, got " + state + "; pass initial(" + current.length
                    + ") in the first round and the previous step's state after");
        }
    }
}

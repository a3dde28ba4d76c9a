package dln.core.optimiser;

/**
 * Server momentum (FedAvgM, Hsu, Qi &amp; Brown 2019; Reddi et al. 2021 use it as a baseline):
 * {@code m <- momentum * m + delta; x <- x + lr * m}, with {@code delta = aggregate - current}
 * and m starting at zero. With momentum 0 and lr 1 it is plain FedAvg: the aggregate.
 *
 * <p>Per coordinate in double: m' from the stored float m and delta, x' from the double m'; m'
 * is stored rounded to float, and the next step reads that, so a resumed run equals an unbroken one.
 *
 * @param lr       the server learning rate, &gt; 0
 * @param momentum the momentum, in [0, 1)
 */
public record FedAvgM(double lr, double momentum) implements ServerOptimiser {

    public FedAvgM {
        Checks.rate("fedavgm", "lr", lr, "fedavgm:1:0.9");
        Checks.decay("fedavgm", "momentum", momentum, "fedavgm:1:0.9");
    }

    @Override
    public Step step(final float[] current, final float[] aggregate, final OptimiserState state) {
        Shapes.check(this, current, aggregate, state);
        final float[] m = state.vector(0);
        final float[] nextM = new float[current.length];
        final float[] next = new float[current.length];
        for (int j = 0; j < current.length; j++) {
            final double delta = (double) aggregate[j] - current[j];
            final double mj = momentum * m[j] + delta;
            nextM[j] = (float) mj;
            next[j] = (float) (current[j] + lr * mj);
        }
        return new Step(next, OptimiserState.of(nextM));
    }

    @Override
    public OptimiserState initial(final int dimension) {
        return OptimiserState.of(new float[dimension]);
    }

    @Override
    public int stateVectors() {
        return 1;
    }

    @Override
    public String describe() {
        return "fedavgm(lr=" + lr + ",momentum=" + momentum + ")";
    }
}

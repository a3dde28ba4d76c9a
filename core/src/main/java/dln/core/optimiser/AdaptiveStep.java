package dln.core.optimiser;

/**
 * The step FedAdam and FedYogi share (Reddi et al. 2021, Algorithm 2), differing only in the
 * second-moment update. Per coordinate in double, from the stored float m and v:
 * {@code m' = beta1 m + (1 - beta1) delta}; v' by the variant;
 * {@code x' = x + lr m' / (sqrt(v') + tau)}. m' and v' are stored rounded to float.
 */
final class AdaptiveStep {
    /** How the second moment follows the squared pseudo-gradient. */
    enum SecondMoment {
        /** {@code v' = beta2 v + (1 - beta2) delta^2}. */
        ADAM("fedadam"),
        /** {@code v' = v - (1 - beta2) delta^2 sign(v - delta^2)}: grows additively, so v cannot shrink fast. */
        YOGI("fedyogi");

        private final String wire;

        SecondMoment(final String wire) {
            this.wire = wire;
        }

        /** The optimiser's name on the ledger and the command line. */
        String wire() {
            return wire;
        }
    }

    private AdaptiveStep() {
    }

    static ServerOptimiser.Step step(final ServerOptimiser o, final SecondMoment kind, final double lr, final double beta1,
                                     final double beta2, final double tau,
                                     final float[] current, final float[] aggregate, final OptimiserState state) {
        Shapes.check(o, current, aggregate, state);
        final float[] m = state.vector(0);
        final float[] v = state.vector(1);
        final int n = current.length;
        final float[] nextM = new float[n];
        final float[] nextV = new float[n];
        final float[] next = new float[n];
        for (int j = 0; j < n; j++) {
            if (!(v[j] >= 0) || !Float.isFinite(v[j]) || !Float.isFinite(m[j])) {
                throw new IllegalArgumentException(o.describe() + ": the state holds m = " + m[j] + ", v = " + v[j] + " at index " + j
                        + "; pass the previous step's state (v is never negative) or initial(" + n + ")");
            }
            final double delta = (double) aggregate[j] - current[j];
            final double d2 = delta * delta;
            final double mj = beta1 * m[j] + (1 - beta1) * delta;
            final double vj = kind == SecondMoment.ADAM
                    ? beta2 * v[j] + (1 - beta2) * d2
                    : v[j] - (1 - beta2) * d2 * Math.signum(v[j] - d2);
            nextM[j] = (float) mj;
            nextV[j] = (float) vj;
            next[j] = (float) (current[j] + lr * mj / (Math.sqrt(vj) + tau));
        }
        return new ServerOptimiser.Step(next, OptimiserState.of(nextM, nextV));
    }

    /** The parameter checks of both variants, with an example in the variant's own name. */
    static void check(final SecondMoment kind, final double lr, final double beta1, final double beta2, final double tau) {
        final String example = kind.wire() + ":0.01:0.9:0.99:0.001";
        Checks.rate(kind.wire(), "lr", lr, example);
        Checks.decay(kind.wire(), "beta1", beta1, example);
        Checks.decay(kind.wire(), "beta2", beta2, example);
        Checks.rate(kind.wire(), "tau", tau, example);
    }

    /** m = 0 and v = tau^2, the paper's initialisation ({@code v_{-1} >= tau^2}). */
    static OptimiserState initial(final int dimension, final double tau) {
        final float[] v = new float[dimension];
        java.util.Arrays.fill(v, (float) (tau * tau));
        return OptimiserState.of(new float[dimension], v);
    }
}

package dln.core.data;

import java.util.Random;

/**
 * Gamma and Dirichlet sampling on a {@link Random}, so partitions are reproducible from a seed
 * (library samplers bring their own generators). Marsaglia and Tsang (2000), with the
 * {@code U^(1/a)} boost for shape below one.
 */
final class Gamma {
    private Gamma() {
    }

    static double sample(double shape, Random rnd) {
        if (shape < 1) {
            double u = rnd.nextDouble();
            return sample(shape + 1, rnd) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rnd.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * The checks a Dirichlet partitioner makes of its parameters, in one place: a concentration
     * ({@code name}, e.g. "dirichlet alpha") finite and above zero, a floor per part not negative.
     */
    static void requirePartitionParameters(String name, double concentration, int minPerPart) {
        if (!(concentration > 0) || Double.isInfinite(concentration)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + concentration);
        }
        if (minPerPart < 0) {
            throw new IllegalArgumentException("minPerPart must be >= 0");
        }
    }

    static double[] dirichlet(double alpha, int k, Random rnd) {
        double[] g = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            g[i] = sample(alpha, rnd);
            sum += g[i];
        }
        if (sum == 0) {
            // Tiny alpha can underflow every draw; fall back to a one-hot share.
            g[rnd.nextInt(k)] = 1;
            return g;
        }
        for (int i = 0; i < k; i++) {
            g[i] /= sum;
        }
        return g;
    }
}

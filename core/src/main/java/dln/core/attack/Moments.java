package dln.core.attack;

import java.util.List;

/**
 * Per-coordinate mean and standard deviation of a set of estimates, in double precision and in
 * the estimates' order, so every colluder computes the same numbers from the same set.
 *
 * @param mean the coordinate-wise mean
 * @param std the coordinate-wise sample standard deviation (n - 1, as the papers' code does with
 *        torch.std); zero for a single estimate, where there is no spread to hide in
 */
record Moments(double[] mean, double[] std) {

    static Moments of(final List<float[]> estimates) {
        if (estimates.isEmpty()) {
            throw new IllegalArgumentException("no estimates to craft from");
        }
        final int d = estimates.get(0).length;
        final int n = estimates.size();
        final double[] mean = new double[d];
        for (float[] e : estimates) {
            if (e.length != d) {
                throw new IllegalArgumentException("estimates of " + d + " and " + e.length + " parameters");
            }
            for (int i = 0; i < d; i++) {
                mean[i] += e[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        final double[] std = new double[d];
        if (n > 1) {
            for (float[] e : estimates) {
                for (int i = 0; i < d; i++) {
                    final double x = e[i] - mean[i];
                    std[i] += x * x;
                }
            }
            for (int i = 0; i < d; i++) {
                std[i] = Math.sqrt(std[i] / (n - 1));
            }
        }
        return new Moments(mean, std);
    }
}

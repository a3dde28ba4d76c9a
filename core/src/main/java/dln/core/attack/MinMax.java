package dln.core.attack;

import java.util.List;

/**
 * Min-max and min-sum (Shejwalkar and Houmansadr, "Manipulating the Byzantine", NDSS 2021): the
 * malicious delta is mean + gamma * p for a perturbation p, with gamma as large as keeps it as
 * close to the benign estimates as they are to each other. Distance-based defences then cannot
 * tell it from a benign update, while gamma pushes it as far as that allows.
 */
public final class MinMax {

    /** What "as close as they are to each other" means. */
    public enum Objective {
        /** The largest distance to a benign estimate is at most the largest between two benign ones. */
        MIN_MAX,
        /** The sum of squared distances to the benign estimates is at most the largest such sum of a benign one. */
        MIN_SUM
    }

    /** The direction the update is pushed in: the paper's three choices. */
    public enum Perturbation {
        /** -std, coordinate-wise: the paper's best in most settings. */
        INVERSE_STD,
        /** -mean / ||mean||. */
        INVERSE_UNIT,
        /** -sign(mean). */
        INVERSE_SIGN
    }

    /** Bisection steps: gamma to ~1e-15 of its bracket, well below float resolution. */
    private static final int STEPS = 50;

    private MinMax() {}

    /** The malicious delta: mean + gamma * p, gamma from {@link #gamma}. */
    public static float[] craft(final List<float[]> estimates, final Objective objective, final Perturbation perturbation) {
        final Moments m = Moments.of(estimates);
        final double[] p = perturbation(m, perturbation);
        final double gamma = gamma(estimates, m, p, objective);
        final float[] out = new float[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (m.mean()[i] + gamma * p[i]);
        }
        return out;
    }

    /**
     * The largest gamma that keeps mean + gamma * p within the objective's bound, by binary search
     * (the paper's procedure; bracketed by doubling, since the bound holds at 0 and fails for a
     * large enough gamma). Zero when the estimates do not spread or p is zero.
     */
    public static double gamma(final List<float[]> estimates, final Objective objective, final Perturbation perturbation) {
        final Moments m = Moments.of(estimates);
        return gamma(estimates, m, perturbation(m, perturbation), objective);
    }

    private static double gamma(final List<float[]> estimates, final Moments m, final double[] p, final Objective objective) {
        final int n = estimates.size();
        final double[] mean = m.mean();
        // ||mean + g p - e_i||^2 = a_i + 2 g b_i + g^2 c: each trial costs O(n), not O(n d).
        final double[] a = new double[n];
        final double[] b = new double[n];
        double c = 0;
        for (double v : p) {
            c += v * v;
        }
        for (int k = 0; k < n; k++) {
            final float[] e = estimates.get(k);
            for (int i = 0; i < mean.length; i++) {
                final double x = mean[i] - e[i];
                a[k] += x * x;
                b[k] += p[i] * x;
            }
        }
        final double bound = bound(estimates, objective);
        if (c == 0 || bound == 0) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (within(a, b, c, hi, bound, objective)) {
            lo = hi;
            hi *= 2;
        }
        for (int s = 0; s < STEPS; s++) {
            final double mid = (lo + hi) / 2;
            if (within(a, b, c, mid, bound, objective)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean within(final double[] a, final double[] b, final double c, final double g, final double bound,
            final Objective objective) {
        double worst = 0;
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            final double d2 = a[k] + 2 * g * b[k] + g * g * c;
            worst = Math.max(worst, d2);
            sum += d2;
        }
        return (objective == Objective.MIN_MAX ? worst : sum) <= bound;
    }

    /** Squared: the largest pairwise distance (min-max) or the largest sum of one estimate's distances to all (min-sum). */
    static double bound(final List<float[]> estimates, final Objective objective) {
        double result = 0;
        for (float[] x : estimates) {
            double sum = 0;
            for (float[] y : estimates) {
                final double d2 = squaredDistance(x, y);
                sum += d2;
                if (objective == Objective.MIN_MAX) {
                    result = Math.max(result, d2);
                }
            }
            if (objective == Objective.MIN_SUM) {
                result = Math.max(result, sum);
            }
        }
        return result;
    }

    static double squaredDistance(final float[] x, final float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            final double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s;
    }

    private static double[] perturbation(final Moments m, final Perturbation kind) {
        final double[] mean = m.mean();
        final double[] p = new double[mean.length];
        double norm = 0;
        for (double v : mean) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (kind) {
                case INVERSE_STD -> -m.std()[i];
                case INVERSE_UNIT -> norm == 0 ? 0 : -mean[i] / norm;
                case INVERSE_SIGN -> -Math.signum(mean[i]);
            };
        }
        return p;
    }
}

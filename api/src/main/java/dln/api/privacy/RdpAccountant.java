package dln.api.privacy;

import java.util.Arrays;

/**
 * The moments ("RDP") accountant of DP-SGD with Poisson subsampling: the Rényi DP of the sampled
 * Gaussian mechanism ({@link SampledGaussian}) at a fixed list of orders, composed by adding
 * curves, and converted to (epsilon, delta).
 *
 * <p>Two conversions are offered. {@link #epsilon} is the one dln records and checks: Canonne,
 * Kamath and Steinke 2020 (Proposition 12; also Balle et al. 2020, Theorem 21), as Google's
 * {@code dp_accounting} and TF-Privacy use it: {@code eps = rdp + log1p(-1/a) - log(delta*a)/(a-1)}.
 * {@link #epsilonClassic} is Mironov 2017's {@code eps = rdp + log(1/delta)/(a-1)}, always a
 * little larger; it is the conversion of older published figures (TF-Privacy's MNIST tutorial).
 *
 * <p>Pure functions of their arguments; {@link StrictMath} only, so every endorsing peer computes
 * the same bits. Not for fixed-size sampling: a fixed-size batch drawn without replacement has
 * another (larger, under substitution) curve, and dln's DP-SGD samples by Poisson to match this.
 */
public final class RdpAccountant {
    /**
     * dln's orders: TF-Privacy's {@code compute_dp_sgd_privacy} list, fine where the optimum lies
     * for useful budgets (epsilon 0.5..10 puts it between 3 and 40) and reaching 512 for tiny ones.
     */
    public static final RdpAccountant DLN = new RdpAccountant(dlnOrders());

    private final double[] orders;

    /** An accountant at these orders (each &gt; 1). */
    public RdpAccountant(final double... orders) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("an RDP accountant needs at least one order");
        }
        for (final double a : orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("RDP orders must be > 1, got " + a);
            }
        }
        this.orders = orders.clone();
    }

    private static double[] dlnOrders() {
        final double[] o = new double[10 + 59 + 3];
        final double[] small = {1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5};
        System.arraycopy(small, 0, o, 0, small.length);
        for (int a = 5; a < 64; a++) {
            o[small.length + a - 5] = a;
        }
        o[69] = 128;
        o[70] = 256;
        o[71] = 512;
        return o;
    }

    /** The orders, a copy. */
    public double[] orders() {
        return orders.clone();
    }

    /** Number of orders: the length of every curve of this accountant. */
    public int size() {
        return orders.length;
    }

    /**
     * The RDP curve of {@code steps} steps of DP-SGD: each step samples records with probability
     * {@code samplingRate} and adds noise of {@code noiseMultiplier} times the clipping norm.
     */
    public double[] curve(final double samplingRate, final double noiseMultiplier, final long steps) {
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + samplingRate);
        }
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must be a finite number >= 0, got " + noiseMultiplier);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        final double[] rdp = new double[orders.length];
        for (int k = 0; k < orders.length; k++) {
            rdp[k] = steps == 0 ? 0 : SampledGaussian.rdp(samplingRate, noiseMultiplier, orders[k]) * steps;
        }
        return rdp;
    }

    /** The composition of two runs: RDP adds order by order (Mironov 2017, Proposition 1). */
    public double[] compose(final double[] a, final double[] b) {
        check(a);
        check(b);
        final double[] out = new double[orders.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = a[k] + b[k];
        }
        return out;
    }

    /** An epsilon and the order that gave it. */
    public record Epsilon(double epsilon, double order) {
    }

    /**
     * The smallest epsilon over the orders at which the curve is (epsilon, delta)-DP, by the
     * Canonne-Kamath-Steinke conversion; 0 when the curve gives (0, delta) outright (Pinsker).
     */
    public Epsilon epsilon(final double[] rdp, final double delta) {
        check(rdp);
        checkDelta(delta);
        double best = Double.POSITIVE_INFINITY;
        double at = orders[0];
        for (int k = 0; k < orders.length; k++) {
            final double a = orders[k];
            final double r = rdp[k];
            if (r < 0 || Double.isNaN(r)) {
                throw new IllegalArgumentException("RDP values must be >= 0, got " + r + " at order " + a);
            }
            final double e;
            if (delta * delta + StrictMath.expm1(-r) >= 0) {
                e = 0;
            } else if (a > 1.01) {
                e = r + StrictMath.log1p(-1 / a) - StrictMath.log(delta * a) / (a - 1);
            } else {
                e = Double.POSITIVE_INFINITY;
            }
            if (e < best) {
                best = e;
                at = a;
            }
        }
        return new Epsilon(StrictMath.max(0, best), at);
    }

    /** The smallest epsilon by Mironov 2017's conversion (Proposition 3). */
    public Epsilon epsilonClassic(final double[] rdp, final double delta) {
        check(rdp);
        checkDelta(delta);
        double best = Double.POSITIVE_INFINITY;
        double at = orders[0];
        for (int k = 0; k < orders.length; k++) {
            final double e = rdp[k] - StrictMath.log(delta) / (orders[k] - 1);
            if (e < best) {
                best = e;
                at = orders[k];
            }
        }
        return new Epsilon(best, at);
    }

    /** Epsilon of one DP-SGD run at {@code delta}, by {@link #epsilon}. */
    public double epsilon(final double samplingRate, final double noiseMultiplier, final long steps, final double delta) {
        return epsilon(curve(samplingRate, noiseMultiplier, steps), delta).epsilon();
    }

    private void check(final double[] rdp) {
        if (rdp.length != orders.length) {
            throw new IllegalArgumentException("an RDP curve of this accountant has " + orders.length + " values, got " + rdp.length);
        }
    }

    private static void checkDelta(final double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }

    @Override
    public String toString() {
        return "RdpAccountant" + Arrays.toString(orders);
    }
}

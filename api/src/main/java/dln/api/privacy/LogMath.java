package dln.api.privacy;

/**
 * Log-space arithmetic and the complementary error function, in {@link StrictMath} only: the
 * chaincode recomputes a provider's epsilon on every endorsing peer, and the peers must agree to
 * the last bit, which {@link Math}'s platform intrinsics do not promise.
 */
final class LogMath {
    private static final double LOG_SQRT_PI = 0.5 * StrictMath.log(StrictMath.PI);

    private LogMath() {
    }

    /** log(e^x + e^y). */
    static double add(final double x, final double y) {
        final double a = StrictMath.min(x, y);
        final double b = StrictMath.max(x, y);
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        return StrictMath.log1p(StrictMath.exp(a - b)) + b;
    }

    /** log(e^x - e^y) for x &ge; y. */
    static double sub(final double x, final double y) {
        if (x < y) {
            throw new ArithmeticException("log-space subtraction would be negative");
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        if (x == y) {
            return Double.NEGATIVE_INFINITY;
        }
        final double d = StrictMath.expm1(x - y);
        return Double.isInfinite(d) ? x : StrictMath.log(d) + y;
    }

    /**
     * log(erfc(x)) for every real x without underflow: on (-2, 2), 1 - erf(x) from erf's series of
     * positive terms (no cancellation; erfc(2) is 4.7e-3, so the subtraction loses under two
     * digits); from 2 on, the Laplace continued fraction in log form, which never underflows; to
     * -2 and below, erfc(x) = 2 - erfc(-x).
     */
    static double logErfc(final double x) {
        if (x <= -2) {
            return StrictMath.log(2 - StrictMath.exp(logErfc(-x)));
        }
        if (x < 2) {
            return StrictMath.log(1 - erf(x));
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated bottom-up.
        double tail = x;
        for (int k = 200; k >= 1; k--) {
            tail = x + (k / 2.0) / tail;
        }
        return -x * x - LOG_SQRT_PI - StrictMath.log(tail);
    }

    /** erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)), for |x| &lt; 2 (odd in x; about 30 terms). */
    private static double erf(final double x) {
        final double ax = StrictMath.abs(x);
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 200 && term > 1e-18 * sum; n++) {
            term *= 2 * ax * ax / (2 * n + 1);
            sum += term;
        }
        final double v = 2 / StrictMath.sqrt(StrictMath.PI) * StrictMath.exp(-ax * ax) * sum;
        return x < 0 ? -v : v;
    }
}

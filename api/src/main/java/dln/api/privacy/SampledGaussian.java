package dln.api.privacy;

/**
 * Rényi differential privacy of one step of the sampled Gaussian mechanism (Mironov, Talwar and
 * Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism", sections 3.3 and
 * 3.4): each record enters the step independently with probability {@code q} (Poisson
 * subsampling), the sum of the clipped contributions gets Gaussian noise of standard deviation
 * {@code sigma} times the clipping norm, under add-or-remove-one adjacency. Integer orders use the
 * finite binomial sum, fractional orders the two convergent series; the same computation as
 * TF-Privacy's and Google's {@code dp_accounting} RDP accountant, which the tests check against.
 */
final class SampledGaussian {
    /** A term below e^-30 of the series for fractional orders no longer matters. */
    private static final double SERIES_END = -30;
    private static final int MAX_TERMS = 100_000;

    private SampledGaussian() {
    }

    /** RDP at order {@code alpha} (&gt; 1) of one step; +infinity when unbounded. */
    static double rdp(final double q, final double sigma, final double alpha) {
        if (q == 0) {
            return 0;
        }
        if (sigma == 0 || Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        final double logA = alpha == StrictMath.rint(alpha) ? logAInteger(q, sigma, (long) alpha) : logAFraction(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    private static double logAInteger(final double q, final double sigma, final long alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double logBinom = 0;
        final double logQ = StrictMath.log(q);
        final double log1mQ = StrictMath.log1p(-q);
        for (long i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinom += StrictMath.log((double) (alpha - i + 1)) - StrictMath.log((double) i);
            }
            final double s = logBinom + i * logQ + (alpha - i) * log1mQ + (double) (i * i - i) / (2 * sigma * sigma);
            logA = LogMath.add(logA, s);
        }
        return logA;
    }

    private static double logAFraction(final double q, final double sigma, final double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        final double z0 = sigma * sigma * StrictMath.log(1 / q - 1) + .5;
        final double logQ = StrictMath.log(q);
        final double log1mQ = StrictMath.log1p(-q);
        final double logHalf = StrictMath.log(.5);
        final double sqrt2Sigma = StrictMath.sqrt(2) * sigma;
        double logAbsBinom = 0;
        boolean positive = true;
        for (int i = 0; i < MAX_TERMS; i++) {
            if (i > 0) {
                final double factor = (alpha - i + 1) / i;
                logAbsBinom += StrictMath.log(StrictMath.abs(factor));
                positive = positive == (factor > 0);
            }
            final double j = alpha - i;
            final double logT0 = logAbsBinom + i * logQ + j * log1mQ;
            final double logT1 = logAbsBinom + j * logQ + i * log1mQ;
            final double logE0 = logHalf + LogMath.logErfc((i - z0) / sqrt2Sigma);
            final double logE1 = logHalf + LogMath.logErfc((z0 - j) / sqrt2Sigma);
            final double logS0 = logT0 + ((double) i * i - i) / (2 * sigma * sigma) + logE0;
            final double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
            if (positive) {
                logA0 = LogMath.add(logA0, logS0);
                logA1 = LogMath.add(logA1, logS1);
            } else {
                logA0 = LogMath.sub(logA0, logS0);
                logA1 = LogMath.sub(logA1, logS1);
            }
            if (StrictMath.max(logS0, logS1) < SERIES_END) {
                break;
            }
        }
        return LogMath.add(logA0, logA1);
    }
}

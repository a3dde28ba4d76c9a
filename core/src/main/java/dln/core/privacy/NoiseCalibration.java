package dln.core.privacy;

import dln.api.privacy.RdpAccountant;

/**
 * The noise multiplier that makes a planned amount of DP-SGD training spend a target epsilon:
 * the smallest sigma (to 0.1 %) whose RDP accountant epsilon stays within it.
 */
public final class NoiseCalibration {
    private static final double MAX_SIGMA = 1e3;

    private NoiseCalibration() {
    }

    /**
     * Sigma for {@code steps} Poisson-sampled steps at {@code samplingRate}, so that epsilon at
     * {@code delta} ({@link RdpAccountant#DLN}) is at most {@code epsilon}.
     *
     * @throws IllegalArgumentException when even sigma 1000 spends more (a budget too small to train at all)
     */
    public static double sigmaFor(double samplingRate, long steps, double delta, double epsilon) {
        RdpAccountant acc = RdpAccountant.DLN;
        if (acc.epsilon(samplingRate, MAX_SIGMA, steps, delta) > epsilon) {
            throw new IllegalArgumentException("epsilon " + epsilon + " at delta " + delta + " cannot be kept over " + steps
                    + " steps at sampling rate " + samplingRate + " with a noise multiplier up to " + MAX_SIGMA);
        }
        double lo = 0.01;
        double hi = MAX_SIGMA;
        // Epsilon falls as sigma grows: bisect on a log scale until the bracket is 0.1 % wide.
        while (hi / lo > 1.001) {
            double mid = Math.sqrt(lo * hi);
            if (!(acc.epsilon(samplingRate, mid, steps, delta) <= epsilon)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}

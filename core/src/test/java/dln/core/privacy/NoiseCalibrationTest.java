package dln.core.privacy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.privacy.RdpAccountant;
import org.junit.jupiter.api.Test;

class NoiseCalibrationTest {

    @Test
    void theCalibratedSigmaKeepsTheTargetAndALittleLessNoiseWouldNot() {
        final RdpAccountant acc = RdpAccountant.DLN;
        for (double target : new double[] {1, 3, 8}) {
            for (double q : new double[] {0.016, 0.128}) {
                final long steps = 160;
                final double sigma = NoiseCalibration.sigmaFor(q, steps, 1e-5, target);
                assertTrue(acc.epsilon(q, sigma, steps, 1e-5) <= target, "kept at sigma " + sigma);
                assertTrue(acc.epsilon(q, sigma / 1.002, steps, 1e-5) > target, "the smallest such sigma, to 0.2 %: " + sigma);
            }
        }
    }

    @Test
    void aBudgetNoNoiseCanKeepIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NoiseCalibration.sigmaFor(1.0, 1_000_000, 1e-5, 1e-4));
    }
}

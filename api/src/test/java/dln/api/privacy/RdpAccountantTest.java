package dln.api.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The accountant against figures published by TF-Privacy (quoted with their source), within 1 %. */
class RdpAccountantTest {

    private static void near(final double expected, final double actual, final double relative) {
        assertTrue(Math.abs(actual - expected) <= relative * Math.abs(expected),
                "expected " + expected + " within " + relative * 100 + " %, got " + actual);
    }

    /**
     * tensorflow/privacy, tensorflow_privacy/privacy/analysis/rdp_accountant_test.py,
     * test_compute_rdp_sequence: compute_rdp(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100]) =
     * [0.00065, 0.001085, 0.00218075, 0.023846, 167.416307]; fractional and integer orders, and
     * order 100 where the bound blows up.
     */
    @Test
    void rdpCurveMatchesTfPrivacy() {
        final RdpAccountant acc = new RdpAccountant(1.5, 2.5, 5, 50, 100);
        final double[] rdp = acc.curve(0.01, 2.5, 50);
        final double[] published = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307};
        for (int k = 0; k < rdp.length; k++) {
            assertEquals(published[k], rdp[k], 1e-5, "order " + acc.orders()[k]);
            near(published[k], rdp[k], 0.01);
        }
        // test_compute_rdp_scalar: compute_rdp(0.1, 2, 10, 5) = 0.07737; test_compute_rdp_no_sampling: q = 1 gives alpha/(2 sigma^2).
        near(0.07737, new RdpAccountant(5).curve(0.1, 2, 10)[0], 0.001);
        assertEquals(0.1, new RdpAccountant(20).curve(1, 10, 1)[0], 1e-15);
        assertEquals(0.0, new RdpAccountant(20).curve(0, 10, 1)[0]);
    }

    /**
     * tensorflow/privacy, compute_dp_sgd_privacy_test.py, test_compute_dp_sgd_privacy (the
     * dp_accounting RDP accountant with the Canonne-Kamath-Steinke conversion, TF-Privacy's orders,
     * steps = ceil(epochs * n / batch)): (n 60000, batch 150, sigma 1.3, 15 epochs, delta 1e-5) ->
     * eps 0.7242234026109595 at order 19; (100000, 100, 1.0, 30, 1e-7) -> 1.4154988495444842 at 13.
     */
    @Test
    void epsilonMatchesTfPrivacyDpSgdFigures() {
        final RdpAccountant.Epsilon a = RdpAccountant.DLN.epsilon(RdpAccountant.DLN.curve(150 / 60000.0, 1.3, 6000), 1e-5);
        near(0.7242234026109595, a.epsilon(), 0.01);
        assertEquals(19.0, a.order());
        final RdpAccountant.Epsilon b = RdpAccountant.DLN.epsilon(RdpAccountant.DLN.curve(100 / 100000.0, 1.0, 30000), 1e-7);
        near(1.4154988495444842, b.epsilon(), 0.01);
        assertEquals(13.0, b.order());
    }

    /**
     * tensorflow/privacy, tutorials/README.md (mnist_dpsgd_tutorial.py: q = 256/60000,
     * steps = epochs * 60000 // 256, orders [1 + x/10 for x in 1..99] + 12..63, the classic
     * conversion of its time, delta 1e-5). "Expected Output": epsilon 1.00 after 1 epoch, 1.04
     * after 2, 2.92 after 60; "Select Parameters" table: noise multiplier 1.12 / 60 epochs / eps
     * 2.92 (the default), 0.6 / 30 / 9.74, 1.2 / 10 / 1.20.
     */
    @Test
    void epsilonMatchesTheMnistTutorial() {
        final double[] orders = new double[99 + 52];
        for (int x = 1; x < 100; x++) {
            orders[x - 1] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            orders[99 + a - 12] = a;
        }
        final RdpAccountant acc = new RdpAccountant(orders);
        final double q = 256 / 60000.0;
        near(1.00, acc.epsilonClassic(acc.curve(q, 1.12, 60000 / 256), 1e-5).epsilon(), 0.01);
        near(1.04, acc.epsilonClassic(acc.curve(q, 1.12, 2 * 60000 / 256), 1e-5).epsilon(), 0.01);
        near(2.92, acc.epsilonClassic(acc.curve(q, 1.12, 60 * 60000 / 256), 1e-5).epsilon(), 0.01);
        near(9.74, acc.epsilonClassic(acc.curve(q, 0.6, 30 * 60000 / 256), 1e-5).epsilon(), 0.01);
        near(1.20, acc.epsilonClassic(acc.curve(q, 1.2, 10 * 60000 / 256), 1e-5).epsilon(), 0.01);
        // The improved conversion is never worse.
        assertTrue(acc.epsilon(acc.curve(q, 1.12, 14062), 1e-5).epsilon() < acc.epsilonClassic(acc.curve(q, 1.12, 14062), 1e-5).epsilon());
    }

    /**
     * rdp_accountant_test.py, test_get_privacy_spent_check_target_delta: a constant curve of 1.1
     * at orders 2..32 and delta 1e-5 gives eps 1.32783806176 at order 32; the Gaussian with sigma
     * 4.530877117 and no sampling is exactly (1, 1e-6)-DP on a fine grid of orders.
     */
    @Test
    void conversionMatchesTfPrivacy() {
        final double[] orders = new double[31];
        final double[] flat = new double[31];
        for (int a = 2; a <= 32; a++) {
            orders[a - 2] = a;
            flat[a - 2] = 1.1;
        }
        final RdpAccountant.Epsilon e = new RdpAccountant(orders).epsilon(flat, 1e-5);
        assertEquals(1.32783806176, e.epsilon(), 1e-9);
        assertEquals(32.0, e.order());
        final double[] fine = new double[98999]; // TF-Privacy starts at order 1.0, which carries no RDP bound here
        for (int i = 1001; i < 100000; i++) {
            fine[i - 1001] = 0.001 * i;
        }
        final RdpAccountant acc = new RdpAccountant(fine);
        assertEquals(1.0, acc.epsilon(acc.curve(1, 4.530877117, 1), 1e-6).epsilon(), 1e-6);
    }

    /** RDP is non-negative and non-decreasing in the order (to 1e-12: tiny curves carry float rounding), over sampling rates and noise far apart. */
    @Test
    void curvesAreNonNegativeAndGrowWithTheOrder() {
        final RdpAccountant acc = RdpAccountant.DLN;
        for (final double q : new double[]{1e-6, 1e-4, 0.002, 0.05, 0.5, 0.99}) {
            for (final double sigma : new double[]{0.3, 0.8, 1.1, 3, 10, 50}) {
                final double[] rdp = acc.curve(q, sigma, 1);
                for (int k = 0; k < rdp.length; k++) {
                    assertTrue(rdp[k] >= 0 && !Double.isNaN(rdp[k]), "q " + q + " sigma " + sigma + " order " + acc.orders()[k] + ": " + rdp[k]);
                    if (k > 0 && Double.isFinite(rdp[k])) {
                        assertTrue(rdp[k] >= rdp[k - 1] * (1 - 1e-9) - 1e-12, "q " + q + " sigma " + sigma + " order " + acc.orders()[k]);
                    }
                }
            }
        }
        assertEquals(Math.log(2), LogMath.logErfc(-30), 1e-15);
        assertEquals(Math.log(0.157299207050285), LogMath.logErfc(1), 1e-12);
        assertEquals(Math.log(0.004677734981047266), LogMath.logErfc(2), 1e-12);
        assertEquals(Math.log(1.9953222650189528), LogMath.logErfc(-2), 1e-12);
    }

    @Test
    void composingCurvesAddsAndIsMonotone() {
        final RdpAccountant acc = RdpAccountant.DLN;
        final double[] one = acc.curve(0.01, 1.1, 100);
        final double[] two = acc.compose(one, one);
        final double[] direct = acc.curve(0.01, 1.1, 200);
        for (int k = 0; k < acc.size(); k++) {
            assertEquals(direct[k], two[k], 1e-12 * Math.max(1, direct[k]));
        }
        assertTrue(acc.epsilon(two, 1e-5).epsilon() > acc.epsilon(one, 1e-5).epsilon());
        assertEquals(0.0, acc.epsilon(acc.curve(0.01, 1.1, 0), 1e-5).epsilon());
    }

    @Test
    void deterministicAndRefusesBadInput() {
        assertEquals(RdpAccountant.DLN.epsilon(0.004, 1.1, 1234, 1e-5), RdpAccountant.DLN.epsilon(0.004, 1.1, 1234, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.DLN.curve(1.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.DLN.curve(0.1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.DLN.epsilon(new double[3], 1e-5));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.DLN.epsilon(0.1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant(1.0));
    }
}

package dln.core.attack;

import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * "A little is enough" (Baruch, Baruch and Goldberg, NeurIPS 2019): every attacker sends
 * mean - z * std of the attackers' honest estimates, coordinate by coordinate. Within z standard
 * deviations of the mean, the update looks like one of the benign ones to distance- and
 * median-based defences, yet all attackers pull the same way.
 */
public final class LittleIsEnough {

    private LittleIsEnough() {}

    /**
     * The paper's z for {@code providers} providers of which {@code attackers} collude: with
     * s = floor(n/2 + 1) - m the benign providers the attackers must win over, z = Phi^-1((n - s) / n),
     * so that s benign updates lie farther from the mean than the attackers' on a coordinate.
     * When the attackers are a majority already (s &lt; 1), the quantile would be infinite; half a
     * provider short of everyone stands in for it. Never negative.
     */
    public static double z(final int providers, final int attackers) {
        if (attackers < 1 || attackers > providers) {
            throw new IllegalArgumentException("need 1 <= attackers <= providers, got " + attackers + " of " + providers);
        }
        final int s = providers / 2 + 1 - attackers;
        final double p = s >= 1 ? (double) (providers - s) / providers : (providers - 0.5) / providers;
        return Math.max(0, standardNormalQuantile(p));
    }

    /**
     * Phi^-1(p), the standard normal quantile. commons-math3 is on core's classpath (nd4j-api
     * brings it), so its inverse error function does the work: Phi^-1(p) = sqrt(2) erf^-1(2p - 1).
     */
    public static double standardNormalQuantile(final double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a quantile needs 0 < p < 1, got " + p);
        }
        return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }

    /** The delta every attacker sends: mean - z * std of the estimates (deltas from the start weights). */
    public static float[] craft(final List<float[]> estimates, final double z) {
        final Moments m = Moments.of(estimates);
        final float[] out = new float[m.mean().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (m.mean()[i] - z * m.std()[i]);
        }
        return out;
    }
}

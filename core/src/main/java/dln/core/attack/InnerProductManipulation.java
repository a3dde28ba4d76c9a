package dln.core.attack;

import java.util.List;

/**
 * Inner-product manipulation (Xie, Koyejo and Gupta, UAI 2020): every attacker sends -epsilon
 * times the mean of the honest estimates. A small epsilon keeps the update close to the benign
 * ones in norm, while enough of them turn the aggregate's inner product with the true step
 * negative, so the model stops descending.
 */
public final class InnerProductManipulation {

    /** The paper's small-epsilon setting: close to the benign updates, pointing against them. */
    public static final double DEFAULT_EPSILON = 0.1;

    private InnerProductManipulation() {}

    /** The delta every attacker sends: -epsilon * mean(estimates). */
    public static float[] craft(final List<float[]> estimates, final double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        final double[] mean = Moments.of(estimates).mean();
        final float[] out = new float[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (-epsilon * mean[i]);
        }
        return out;
    }
}

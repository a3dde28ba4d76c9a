package dln.core.privacy;

/**
 * The provider's DP-SGD mechanism: clip every example's gradient to L2 norm {@code clip}, add
 * Gaussian noise of standard deviation {@code noiseMultiplier * clip} to the sum.
 *
 * @param clip            C, &gt; 0
 * @param noiseMultiplier sigma, &gt; 0
 */
public record DpSgdSettings(double clip, double noiseMultiplier) {
    public DpSgdSettings {
        if (!(clip > 0) || Double.isInfinite(clip) || !(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("DP-SGD needs a clipping norm > 0 and a noise multiplier > 0, got clip " + clip
                    + ", noise multiplier " + noiseMultiplier);
        }
    }
}

package dln.api.privacy;

/**
 * What one DP-SGD training run did, as far as privacy is concerned: the four numbers an update
 * records on the ledger and the accountant needs. {@code clip} does not enter epsilon (noise is
 * {@code noiseMultiplier * clip}, and sensitivity is {@code clip}), but it is recorded so a reader
 * knows the mechanism and the policy can fix it.
 *
 * @param samplingRate    Poisson sampling probability q of each record per step, in (0, 1]
 * @param noiseMultiplier sigma: noise standard deviation over the clipping norm, &gt; 0
 * @param clip            the per-example L2 clipping norm C, &gt; 0
 * @param steps           noisy steps taken, &ge; 0
 */
public record DpSgdRun(double samplingRate, double noiseMultiplier, double clip, long steps) {
    /** The largest step count one record may declare (a year of 10 ms steps is 3e9). */
    public static final long MAX_STEPS = 10_000_000_000L;

    public DpSgdRun {
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("DP-SGD sampling rate must be in (0, 1], got " + samplingRate);
        }
        if (!(noiseMultiplier > 0) || Double.isInfinite(noiseMultiplier)) {
            throw new IllegalArgumentException("DP-SGD noise multiplier must be a finite number > 0, got " + noiseMultiplier);
        }
        if (!(clip > 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("DP-SGD clipping norm must be a finite number > 0, got " + clip);
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("DP-SGD steps must be in 0.." + MAX_STEPS + ", got " + steps);
        }
    }

    /** This run's RDP curve under {@code accountant}. */
    public double[] curve(final RdpAccountant accountant) {
        return accountant.curve(samplingRate, noiseMultiplier, steps);
    }
}

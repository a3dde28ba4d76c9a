package dln.core.training;

/**
 * The outcome of a local training run.
 *
 * @param params    the trained flat parameter vector (owned by the caller)
 * @param examples  examples seen in total (epochs x dataset size)
 * @param epochs    epochs run
 * @param finalLoss mean mini-batch loss of the last epoch
 * @param millis    wall-clock duration
 */
public record TrainingResult(float[] params, long examples, int epochs, double finalLoss, long millis) {
    /** Training throughput in examples per second. */
    public double examplesPerSecond() {
        return millis == 0 ? Double.NaN : examples * 1000.0 / millis;
    }
}

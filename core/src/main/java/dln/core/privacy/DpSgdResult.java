package dln.core.privacy;

import dln.api.privacy.DpSgdRun;
import dln.core.training.TrainingResult;

/**
 * A DP-SGD run's outcome: the trained parameters and timings as for plain training, and the
 * mechanism as it ran (what the update records on the ledger).
 *
 * @param training    parameters, examples drawn, epochs, last epoch's mean loss, time
 * @param run         sampling rate, noise multiplier, clipping norm and steps
 * @param clippedShare share of the examples drawn whose gradient norm exceeded the clip (a tuning aid)
 */
public record DpSgdResult(TrainingResult training, DpSgdRun run, double clippedShare) {
}

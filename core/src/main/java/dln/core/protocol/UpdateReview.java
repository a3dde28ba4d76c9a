package dln.core.protocol;

import dln.api.DlnLedger;

/**
 * A committee member's verdict on one update.
 *
 * @param updateId the update
 * @param score the value submitted (the lowest possible when a sanity check failed; NaN when unavailable)
 * @param sane whether every sanity check passed
 * @param reason why a sanity check failed or the weights were unavailable, or "" when sane
 * @param unavailable the member could not fetch the weights within its patience and recorded the
 *        score as unavailable: no verdict on the update
 * @param contribution the measured contribution (paired loss decrease and its standard error), or
 *        null when the model decides by threshold or a sanity check failed
 * @param losses the loss of each example of the member's fragment under the update's weights, from
 *        the pass that scored it (kept under the contribution policy, for the measure of the update
 *        alone; null otherwise). Not compared by {@code equals}, which compares arrays by identity.
 */
public record UpdateReview(String updateId, double score, boolean sane, String reason, boolean unavailable,
                           DlnLedger.Contribution contribution, double[] losses) {

    public UpdateReview(final String updateId, final double score, final boolean sane, final String reason) {
        this(updateId, score, sane, reason, false, null, null);
    }

    /** A sane review that keeps the losses of the pass that scored the update. */
    static UpdateReview scored(final String updateId, final dln.core.evaluation.Evaluator.Scored scored) {
        return new UpdateReview(updateId, scored.score(), true, "", false, null, scored.losses());
    }

    static UpdateReview unavailable(final String updateId, final String reason) {
        return new UpdateReview(updateId, Double.NaN, false, reason, true, null, null);
    }

    /** This review with the contribution measured. */
    UpdateReview with(final DlnLedger.Contribution measured) {
        return new UpdateReview(updateId, score, sane, reason, unavailable, measured, losses);
    }
}

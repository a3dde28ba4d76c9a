package dln.api.view;

/**
 * One committee member's score of one update; {@code reason} explains a lowest or unavailable
 * score (else null). When {@code unavailable} the member could not fetch the weights within its
 * patience: {@code value} and {@code samples} are 0 and mean nothing. Under the contribution
 * policy, {@code contribution} and {@code contributionSe} are the paired loss decrease and its
 * standard error, {@code contributionCosine} the cosine between the update's step and its round's
 * aggregate step without it, {@code contributionStepRatio} its step's norm over the lower median
 * step norm of its measured set, {@code contributionCopies} how many updates of that set, this one
 * included, were copies of one step, {@code contributionBestClass} the largest t-statistic of the
 * paired loss decrease over one class's examples of the member's fragment,
 * {@code contributionStepSpread} the median distance of the measured set's step ratios from 1,
 * {@code contributionAloneBestClass} and {@code contributionAloneHarmed} what the update does
 * alone, class by class: its largest t-statistic over one class, and the share of the classes it
 * makes worse by more than {@code DlnLedger.Contribution.CLASS_T} standard errors,
 * {@code contributionTrend} the cosine between the update's step and the federation's last step,
 * {@code contributionShift} how far leaving the update out moves its round's aggregate, in typical
 * steps (each null when not measured).
 */
public record ScoreView(String updateId, LedgerIdentity member, double value, long samples, String at, String reason, boolean unavailable,
                        Double contribution, Double contributionSe, Double contributionCosine, Double contributionStepRatio,
                        Integer contributionCopies, Double contributionBestClass, Double contributionStepSpread,
                        Double contributionAloneBestClass, Double contributionAloneHarmed, Double contributionTrend,
                        Double contributionShift) {

    /** A score without a measured direction. */
    public ScoreView(final String updateId, final LedgerIdentity member, final double value, final long samples, final String at,
                     final String reason, final boolean unavailable, final Double contribution, final Double contributionSe) {
        this(updateId, member, value, samples, at, reason, unavailable, contribution, contributionSe, null, null, null, null, null, null, null, null, null);
    }
}

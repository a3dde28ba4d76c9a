package dln.chaincode.score;

import dln.api.ContributionRule;
import dln.api.DlnLedger;

/**
 * A recorded score as the evidence {@link ContributionRule} decides from, and each of its counts
 * as the quorum combines them. A score with a failed sanity check (a reason) or without a
 * contribution is {@link ContributionRule.Evidence#FAILED}; otherwise its contribution is read as
 * a member reads its own ({@link ContributionRule.Evidence#of}), so the chaincode and the members
 * judge by one mapping.
 */
public final class ScoreEvidence {

    private ScoreEvidence() {
    }

    /** What {@code s} alone would decide. */
    public static ContributionRule.Evidence of(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return ContributionRule.Evidence.FAILED;
        }
        return ContributionRule.Evidence.of(new DlnLedger.Contribution(s.contribution(), s.contributionSe() == null ? 0 : s.contributionSe(),
                s.contributionCosine(), s.contributionStepRatio(), s.contributionCopies(), s.contributionBestClass(),
                s.contributionStepSpread(), s.contributionAloneBestClass(), s.contributionAloneHarmed(), s.contributionTrend()));
    }

    /** The member's paired loss decrease over its standard error ({@link ContributionRule.Evidence#t}). */
    public static double tStatistic(final Score s) {
        return of(s).t();
    }

    /** The cosine with the round's other updates; {@link ContributionRule#NO_DIRECTION} when not measured. */
    public static double alignment(final Score s) {
        return of(s).alignment();
    }

    /** The largest t-statistic over one class of the fragment. */
    public static double bestClass(final Score s) {
        return of(s).bestClass();
    }

    /** The step ratio, 0 when not measured. */
    public static double stepRatio(final Score s) {
        return of(s).stepRatio();
    }

    /** The spread of the measured set's step ratios, -1 when not measured. */
    public static double stepSpread(final Score s) {
        return of(s).stepSpread();
    }

    /** The largest t-statistic of the update alone over one class. */
    public static double aloneBestClass(final Score s) {
        return of(s).aloneBestClass();
    }

    /** The share of classes the update alone makes worse. */
    public static double aloneHarmed(final Score s) {
        return of(s).aloneHarmed();
    }

    /** The cosine with the federation's last step; {@link ContributionRule#NO_DIRECTION} when not measured. */
    public static double trend(final Score s) {
        return of(s).trend();
    }

    /** 1 when the member found the update one of several copies of one step, else 0. */
    public static double copied(final Score s) {
        return of(s).copied();
    }
}

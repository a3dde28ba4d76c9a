package dln.chaincode.score;

import dln.api.ContributionRule;
import dln.api.DlnLedger;

/**
 * A recorded score as the evidence {@link ContributionRule} decides from; the quorum combines
 * each of its counts. A score with a failed sanity check (a reason) or without a
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
                s.contributionStepSpread(), s.contributionAloneBestClass(), s.contributionAloneHarmed(), s.contributionTrend(),
                s.contributionShift()));
    }
}

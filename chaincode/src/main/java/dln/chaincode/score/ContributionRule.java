package dln.chaincode.score;

/**
 * The contribution policy's verdict on one update, from the quorum's scores (docs/protocol.md
 * §1). A member's score says two things: how many standard errors the update lowers the loss on
 * its fragment ({@link #tStatistic}), and whether the update's step goes the way of its round's
 * other updates taken together ({@link #alignment}). An update is rejected when it makes the model
 * measurably worse <em>and</em> points against the others: an honest update of very skewed data
 * can make a balanced fragment measurably worse for a round (its classes are over-represented in
 * that round) yet still learns what the others learn, while a poisoned update that harms does so
 * by pointing away from them. A step far longer than its set's typical one ({@link #stepRatio})
 * is judged by its harm alone, with no tolerance: it overshoots whichever way it points. So is a
 * copy ({@link #copied}): honest updates of different data are never copies of one step, while
 * colluders sending one crafted vector (ALIE, IPM, min-max, min-sum) and Sybils are.
 */
public final class ContributionRule {

    /** A verdict beyond any measurement: a failed sanity check, or a difference with no spread. */
    static final double BOUND = 1.0e6;

    /** The lowest alignment that counts as going with the others: a step orthogonal or against them does not. */
    public static final double MIN_ALIGNMENT = 0.0;

    private ContributionRule() {
    }

    /**
     * A member's verdict in standard errors: its paired loss decrease over the standard error,
     * bounded so that a weighted mean stays finite. A failed sanity check (a score with a reason)
     * is the strongest "worse"; a difference with no spread at all counts by its sign alone.
     */
    public static double tStatistic(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return -BOUND;
        }
        final double c = s.contribution();
        final double se = s.contributionSe() == null ? 0 : s.contributionSe();
        if (se > 0) {
            return Math.max(-BOUND, Math.min(BOUND, c / se));
        }
        return c > 0 ? BOUND : c < 0 ? -BOUND : 0;
    }

    /**
     * The cosine the member measured between the update's step and its round's aggregate step
     * without it; -1 when it measured none (a failed sanity check, gossip, an update alone in its
     * set, or a member that does not send it): no sign that the update goes with the others, so
     * the verdict rests on {@link #tStatistic} alone, as before the direction was measured.
     */
    public static double alignment(final Score s) {
        if (s.reason() != null || s.contribution() == null || s.contributionCosine() == null) {
            return -1;
        }
        return Math.max(-1, Math.min(1, s.contributionCosine()));
    }

    /**
     * The member's measured step ratio, 0 when it measured none (a failed sanity check, gossip, a
     * member that does not send it): no sign of a long step, so the update is judged as before.
     */
    public static double stepRatio(final Score s) {
        if (s.reason() != null || s.contribution() == null || s.contributionStepRatio() == null) {
            return 0;
        }
        return s.contributionStepRatio();
    }

    /**
     * 1 when the member found the update to be one of several copies of one step in the set it
     * measured, else 0 (no copies, not measured, a failed sanity check, gossip); combined over the
     * quorum this is the share of it that found a copy, and more than half decides.
     */
    public static double copied(final Score s) {
        if (s.reason() != null || s.contribution() == null || s.contributionCopies() == null) {
            return 0;
        }
        return s.contributionCopies() > 1 ? 1 : 0;
    }

    /**
     * Accepted unless the combined t-statistic is below {@code -tolerance} and the combined
     * alignment below {@link #MIN_ALIGNMENT}. A step longer than {@link dln.api.DlnLedger.Contribution#MAX_STEP_RATIO} times
     * the typical one must not make the model worse at all (t &gt;= 0), whatever its direction: a
     * boosted update points with the others and harms by overshooting, and leave-one-out sees only
     * part of that harm when another long step in the set still overshoots without it. A copy
     * ({@code copied} above one half) must not make the model worse at all either: its group of
     * copies was left out together, and a group that harms is collusion, not noise of skewed data
     * (docs/protocol.md §1).
     */
    public static boolean accepts(final double t, final double alignment, final double stepRatio, final double copied, final double tolerance) {
        if (stepRatio > dln.api.DlnLedger.Contribution.MAX_STEP_RATIO || copied > 0.5) {
            return t >= 0;
        }
        return t >= -tolerance || alignment >= MIN_ALIGNMENT;
    }
}

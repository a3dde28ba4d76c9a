package dln.chaincode.score;

import dln.api.DlnLedger;

/**
 * The contribution policy's verdict on one update, from the quorum's scores (docs/protocol.md
 * §1). A member's score says how many standard errors the update lowers the loss on its fragment
 * ({@link #tStatistic}), whether the update's step goes the way of its round's other updates taken
 * together ({@link #alignment}), and how much it helps the class of the fragment it helps most
 * ({@link #bestClass}). An honest update of very skewed data can make a balanced fragment
 * measurably worse for a round (its classes are over-represented in that round), yet it still
 * learns what the others learn and it improves its own classes; so an update that harms is kept
 * only when it does both. One that points clearly against the others is held to harm within one
 * standard error; one that goes with them but improves no class (labels flipped: it maps every
 * class it holds to another) to the tolerance k. A step long for its set ({@link #stepRatio} beyond
 * {@link DlnLedger.Contribution#longStep}: far longer than the typical one, or longer than
 * the set's own spread of lengths admits, {@link #stepSpread}) is judged by its harm alone, with
 * no tolerance: it overshoots whichever way it points, and a label flipper's unlearning makes its
 * step 1.5-2 times an honest one's where honest steps are alike. So is a step short for its set:
 * colluders sending the honest mean less z deviations move 0.6 times the typical step where
 * honest steps are alike. So is a copy ({@link #copied}):
 * honest updates of different data are never copies of one step, while colluders sending one
 * crafted vector (ALIE, IPM, min-max, min-sum) and Sybils are.
 */
public final class ContributionRule {

    /** A verdict beyond any measurement: a failed sanity check, or a difference with no spread. */
    static final double BOUND = 1.0e6;

    /** The lowest alignment that counts as going with the others: a step orthogonal or against them does not. */
    public static final double MIN_ALIGNMENT = 0.0;

    /**
     * The alignment of a score that measured no direction (gossip, an update alone in its set, a
     * member that does not send it): below any cosine, so the rule can tell "not measured", which
     * leaves the t-test at k alone, from "measured against the others".
     */
    public static final double NO_DIRECTION = -2.0;

    /**
     * The harm, in standard errors, that an update going clearly against the others may do: one,
     * the fragment's noise. The tolerance k protects honest updates of skewed data, and those go
     * with the others or nearly orthogonal to them (docs/protocol.md §1: down to -0.11 on
     * Dirichlet(0.1) data, 8 providers), so a step clearly against them has nothing honest to
     * protect; a sign-flipped step late in a run harms by only 1-3 standard errors a round, which k
     * let through.
     */
    public static final double AGAINST_TOLERANCE = 1.0;

    /**
     * The help, in standard errors, that a step astray among the others but going the federation's
     * way ({@link #trend}) must give: more than the fragment's noise. Such a step is the largest
     * provider of quantity-skewed data, which helped by t 0.4-2.5 where the others barely moved, or
     * noise steered along the course read from the ledger ({@code ledger-noise}), which helped within
     * the noise when it was kept (t -0.25 to 0.78 in 12 of 13 kept updates, docs/protocol.md §8).
     */
    public static final double COURSE_HELP = 1.0;

    /** The harm allowed to an update whose alignment {@code a} is below zero, with k the model's tolerance. */
    public static double againstTolerance(final double a, final double tolerance) {
        return AGAINST_TOLERANCE + (tolerance - AGAINST_TOLERANCE) * Math.max(0, 1 + a / DlnLedger.Contribution.AGAINST_SPAN);
    }

    /**
     * What the rule decides from, each combined over the quorum: the t-statistic, the alignment,
     * the step ratio, the share that found a copy, the best class's t-statistic, the spread of
     * the set's step ratios (negative: not measured), what the update does alone, and the cosine
     * with the federation's last step ({@link #NO_DIRECTION}: not measured).
     */
    public record Evidence(double t, double alignment, double stepRatio, double copied, double bestClass, double stepSpread,
                           double aloneBestClass, double aloneHarmed, double trend) {

        /** Evidence of a member that did not measure the federation's course (the fifteenth session and earlier). */
        public Evidence(final double t, final double alignment, final double stepRatio, final double copied, final double bestClass,
                        final double stepSpread, final double aloneBestClass, final double aloneHarmed) {
            this(t, alignment, stepRatio, copied, bestClass, stepSpread, aloneBestClass, aloneHarmed, NO_DIRECTION);
        }

        /** Evidence of a member that did not judge the update alone (before 2026-12-06): no sign of unlearning. */
        public Evidence(final double t, final double alignment, final double stepRatio, final double copied, final double bestClass,
                        final double stepSpread) {
            this(t, alignment, stepRatio, copied, bestClass, stepSpread, BOUND, 0, NO_DIRECTION);
        }

        /** One member's score as evidence: what its score alone would decide. */
        public static Evidence of(final Score s) {
            return new Evidence(tStatistic(s), ContributionRule.alignment(s), ContributionRule.stepRatio(s), ContributionRule.copied(s),
                    ContributionRule.bestClass(s), ContributionRule.stepSpread(s), ContributionRule.aloneBestClass(s),
                    ContributionRule.aloneHarmed(s), ContributionRule.trend(s));
        }
    }

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
     * without it; -1 after a failed sanity check (never aligned), {@link #NO_DIRECTION} when it
     * measured none (gossip, an update alone in its set, or a member that does not send it): no
     * sign either way, so the verdict rests on {@link #tStatistic} at k alone, as before the
     * direction was measured.
     */
    public static double alignment(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return -1;
        }
        if (s.contributionCosine() == null) {
            return NO_DIRECTION;
        }
        return Math.max(-1, Math.min(1, s.contributionCosine()));
    }

    /**
     * The member's largest t-statistic over the classes of its fragment: how much the update helps
     * the class it helps most. {@link #BOUND} when it measured none (gossip, a regression, a member
     * that does not send it): no sign against the update, so the rule is as before classes were
     * measured; -{@link #BOUND} after a failed sanity check.
     */
    public static double bestClass(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return -BOUND;
        }
        return s.contributionBestClass() == null ? BOUND : Math.max(-BOUND, Math.min(BOUND, s.contributionBestClass()));
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
     * The spread of the step ratios of the set the member measured, -1 when it measured none (a
     * failed sanity check, gossip, a member that does not send it): then only
     * {@link DlnLedger.Contribution#MAX_STEP_RATIO} makes a step long, as before the
     * spread was measured.
     */
    public static double stepSpread(final Score s) {
        if (s.reason() != null || s.contribution() == null || s.contributionStepSpread() == null) {
            return -1;
        }
        return s.contributionStepSpread();
    }

    /**
     * The member's largest t-statistic of the update alone over one class of its fragment;
     * {@link #BOUND} when it measured none (gossip, a regression, a member that does not send it),
     * so nothing looks unlearnt; -{@link #BOUND} after a failed sanity check.
     */
    public static double aloneBestClass(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return -BOUND;
        }
        return s.contributionAloneBestClass() == null ? BOUND : Math.max(-BOUND, Math.min(BOUND, s.contributionAloneBestClass()));
    }

    /**
     * The share of its fragment's classes the member found the update alone to make worse beyond
     * {@link DlnLedger.Contribution#CLASS_T}; 0 when it measured none, 1 after a failed sanity check.
     */
    public static double aloneHarmed(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return 1;
        }
        return s.contributionAloneHarmed() == null ? 0 : s.contributionAloneHarmed();
    }

    /**
     * The cosine the member measured between the update's step and the federation's last step;
     * -1 after a failed sanity check, {@link #NO_DIRECTION} when it measured none (gossip, the first
     * round, a member that does not send it): then a step astray among the others is held to clear
     * help, as before the course was measured.
     */
    public static double trend(final Score s) {
        if (s.reason() != null || s.contribution() == null) {
            return -1;
        }
        return s.contributionTrend() == null ? NO_DIRECTION : Math.max(-1, Math.min(1, s.contributionTrend()));
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
     * The verdict, with {@code tolerance} the model's k. A long step
     * ({@link DlnLedger.Contribution#longStep}) must not make the model worse at all
     * (t &gt;= 0), whatever its direction: a boosted update points with the others and harms by
     * overshooting (leave-one-out sees only part of that harm when another long step in the set
     * still overshoots without it), and a label flipper's step is long among alike honest ones,
     * whose direction it half shares. A long step clearly against the others (alignment at or
     * below -{@link DlnLedger.Contribution#AGAINST_SPAN}) must clearly help (t &gt;= k): no honest step measured was both,
     * while label flippers late in a run were, helping within the noise (t 0.1-1.4). So must a step
     * beyond {@link DlnLedger.Contribution#MAX_STEP_RATIO} no more with the others than a random
     * direction (alignment below {@link DlnLedger.Contribution#ORTHOGONAL}) and no more with the
     * federation's last step either ({@link #trend}): added noise, 10-14x and orthogonal to both,
     * harms too little for "no harm" to catch, while the largest provider of quantity-skewed data,
     * 3-700x the typical step when small providers' steps shrink toward zero, goes the federation's
     * way (its steps made most of it) even where it is orthogonal to the small ones: such a step
     * must help beyond the fragment's noise ({@link #COURSE_HELP}), which noise steered along that
     * course read from the ledger did not. So
     * must an update that, judged alone, unlearns ({@link DlnLedger.Contribution#unlearns}: most
     * classes worse, none better). A step
     * short for its set ({@link DlnLedger.Contribution#shortStep}: "a little is enough"
     * among alike honest steps) must not make the model worse at all (t &gt;= 0). A copy
     * ({@code copied} above one half) must not make the model worse at all either: its group of
     * copies was left out together, and a group that harms is collusion, not noise of skewed data.
     * Otherwise: without a measured direction, accepted unless t &lt; -k; against the others,
     * unless t &lt; -{@link #againstTolerance} (k at an alignment of zero, down to
     * {@link #AGAINST_TOLERANCE} at -{@link DlnLedger.Contribution#AGAINST_SPAN} and below); with them, unless t &lt; -k
     * and no class gains k standard errors (docs/protocol.md §1).
     */
    public static boolean accepts(final Evidence e, final double tolerance) {
        final boolean longStep = DlnLedger.Contribution.longStep(e.stepRatio(), e.stepSpread());
        final boolean measured = e.alignment() >= -1;
        final boolean against = measured && DlnLedger.Contribution.clearlyAgainst(e.alignment());
        // Beyond any length of equal-sized honest data and no more with the others, nor with the
        // federation's last step, than a random direction: added noise (10-14x the typical step,
        // cosine within 0.003 of zero with the others, within 0.005 with the last step) harms so
        // little that "no harm" kept it half the time. The largest provider of quantity-skewed data
        // measured 7-700x and -0.02 to -0.08 against small providers that fit their few examples
        // already (steps of 10^-6 to 10^-3 of the model's norm), and 0.02-0.12 with the last step,
        // helping by t 0.4-2.5: it is held to help beyond the noise, not to k (docs/protocol.md §1).
        final boolean astrayAmongOthers = measured && e.stepRatio() > DlnLedger.Contribution.MAX_STEP_RATIO
                && e.alignment() < DlnLedger.Contribution.ORTHOGONAL;
        final boolean astray = astrayAmongOthers && e.trend() < DlnLedger.Contribution.ORTHOGONAL;
        // Alone it makes most classes worse (half, for a long step) and helps none: trained on
        // wrong labels, whatever its direction among the others (label flippers kept at 30 %: a
        // step 1.2-2.6x the typical one helping the round by t 0.2-3.3, docs/protocol.md §1).
        final boolean unlearns = DlnLedger.Contribution.unlearns(e.aloneBestClass(), e.aloneHarmed(), longStep);
        if (longStep && against || astray || unlearns) {
            return e.t() >= tolerance;
        }
        if (astrayAmongOthers) {
            // With the federation's course only: it must help beyond the fragment's noise, which
            // noise steered along that course (ledger-noise) did not.
            return e.t() >= Math.min(COURSE_HELP, tolerance);
        }
        if (longStep || DlnLedger.Contribution.shortStep(e.stepRatio(), e.stepSpread()) || e.copied() > 0.5) {
            return e.t() >= 0;
        }
        if (e.alignment() < -1) {
            return e.t() >= -tolerance;
        }
        if (e.alignment() < MIN_ALIGNMENT) {
            return e.t() >= -againstTolerance(e.alignment(), tolerance);
        }
        return e.t() >= -tolerance || e.bestClass() >= tolerance;
    }
}

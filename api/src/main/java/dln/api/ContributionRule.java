package dln.api;

/**
 * The contribution policy's verdict on one update, from the quorum's scores (docs/protocol.md
 * §1). A member's score says how many standard errors the update lowers the loss on its fragment
 * ({@link Evidence#t}), whether the update's step goes the way of its round's other updates taken
 * together ({@link Evidence#alignment}), and how much it helps the class of the fragment it helps most
 * ({@link Evidence#bestClass}). An honest update of very skewed data can make a balanced fragment
 * measurably worse for a round (its classes are over-represented in that round), yet it still
 * learns what the others learn and it improves its own classes; so an update that harms is kept
 * only when it does both. One that points clearly against the others is held to harm within one
 * standard error; one that goes with them but improves no class (labels flipped: it maps every
 * class it holds to another) to the tolerance k. A step long for its set ({@link Evidence#stepRatio} beyond
 * {@link DlnLedger.Contribution#longStep}: far longer than the typical one, or longer than
 * the set's own spread of lengths admits, {@link Evidence#stepSpread}) is judged by its harm alone, with
 * no tolerance: it overshoots whichever way it points, and a label flipper's unlearning makes its
 * step 1.5-2 times an honest one's where honest steps are alike. So is a step short for its set:
 * colluders sending the honest mean less z deviations move 0.6 times the typical step where
 * honest steps are alike. So is a copy ({@link Evidence#copied}):
 * honest updates of different data are never copies of one step, while colluders sending one
 * crafted vector (ALIE, IPM, min-max, min-sum) and Sybils are.
 */
public final class ContributionRule {

    /** A verdict beyond any measurement: a failed sanity check, or a difference with no spread. */
    public static final double BOUND = 1.0e6;

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
     * way ({@link Evidence#trend}) must give: more than the fragment's noise. Such a step is the largest
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
     * the set's step ratios (negative: not measured), what the update does alone, the cosine
     * with the federation's last step ({@link ContributionRule#NO_DIRECTION}: not measured), and how
     * far leaving it out moves the round's aggregate in typical steps ({@link ContributionRule#BOUND}:
     * not measured).
     */
    public record Evidence(double t, double alignment, double stepRatio, double copied, double bestClass, double stepSpread,
                           double aloneBestClass, double aloneHarmed, double trend, double shift) {

        /** Evidence of a member that did not measure what leaving the update out moves ({@link #BOUND}: not negligible). */
        public Evidence(final double t, final double alignment, final double stepRatio, final double copied, final double bestClass,
                        final double stepSpread, final double aloneBestClass, final double aloneHarmed, final double trend) {
            this(t, alignment, stepRatio, copied, bestClass, stepSpread, aloneBestClass, aloneHarmed, trend, BOUND);
        }

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

        /**
         * The evidence of a score whose member found the update insane (a failed sanity check) or
         * sent no contribution: the strongest "worse" on every count.
         */
        public static final Evidence FAILED = new Evidence(-BOUND, -1, 0, 0, -BOUND, -1, -BOUND, 1, -1, BOUND);

        /**
         * A member's measurement as evidence: what it would decide alone. The t-statistic is the
         * paired loss decrease over its standard error, bounded so that a weighted mean stays
         * finite, and by its sign alone when there is no spread at all. What was not measured
         * counts for nothing either way: no direction or course ({@link ContributionRule#NO_DIRECTION}: the
         * t-test at k decides, as before they were measured), no long step (ratio 0), no spread
         * (-1: only {@link DlnLedger.Contribution#MAX_STEP_RATIO} makes a step long), no copy, no
         * class against it ({@link ContributionRule#BOUND}), no sign of unlearning. A committee member also leaves
         * out of its measured set what this rejects (docs/protocol.md §1, "Measured among the kept").
         */
        public static Evidence of(final DlnLedger.Contribution c) {
            final double t = c.standardError() > 0 ? bounded(c.value() / c.standardError()) : c.value() > 0 ? BOUND : c.value() < 0 ? -BOUND : 0;
            return new Evidence(t, cosine(c.cosine()), c.stepRatio() == null ? 0 : c.stepRatio(),
                    c.copies() != null && c.copies() > 1 ? 1 : 0, c.bestClass() == null ? BOUND : bounded(c.bestClass()),
                    c.stepSpread() == null ? -1 : c.stepSpread(), c.aloneBestClass() == null ? BOUND : bounded(c.aloneBestClass()),
                    c.aloneHarmed() == null ? 0 : c.aloneHarmed(), cosine(c.trend()), c.shift() == null ? BOUND : bounded(c.shift()));
        }

        /**
         * Whether a direction was measured ({@link ContributionRule#NO_DIRECTION} was not) and it goes
         * clearly against the others ({@link DlnLedger.Contribution#clearlyAgainst}): the one test
         * the rule and a member's measurement among what it keeps share.
         */
        public boolean clearlyAgainst() {
            return alignment >= -1 && DlnLedger.Contribution.clearlyAgainst(alignment);
        }

        private static double bounded(final double x) {
            return Math.max(-BOUND, Math.min(BOUND, x));
        }

        private static double cosine(final Double c) {
            return c == null ? NO_DIRECTION : Math.max(-1, Math.min(1, c));
        }
    }

    private ContributionRule() {
    }

    /**
     * Whether a combined {@link Evidence#trend} was measured and goes against the federation's last step
     * (below zero): what an honest update astray among its round's others does not do.
     */
    public static boolean againstCourse(final double trend) {
        return trend >= -1 && trend < MIN_ALIGNMENT;
    }

    /**
     * The federation's course ({@link Evidence#trend}) a specialised step must go with: beyond any
     * sign-flipped step measured but a few (docs/protocol.md §1, "Specialised work").
     */
    public static final double SPECIALISED_COURSE = 0.05;

    /**
     * Whether the evidence is that of an honest provider's specialised work: not clearly against
     * the others, with the federation's course by at least {@link #SPECIALISED_COURSE}, and helping
     * a class beyond the fragment's noise both in the round ({@link Evidence#bestClass}) and alone
     * ({@link Evidence#aloneBestClass}). On Dirichlet(0.1) data a provider holds one or two digits,
     * and its step, over-representing them, makes a balanced fragment worse by 2-9 standard errors
     * in a round while it teaches the federation what only it holds: 92-97 % of honest updates were
     * kept on such rows with five or six providers at 30 % attackers, the rejected ones alike in this.
     * It bounds no harm, as "some class gains k" does not: what limits a crafted step that passes
     * it is its weight and its trust.
     */
    public static boolean specialised(final Evidence e) {
        return e.alignment() > -DlnLedger.Contribution.AGAINST_SPAN && e.trend() >= SPECIALISED_COURSE
                && e.bestClass() >= DlnLedger.Contribution.ALONE_HELP_T && e.aloneBestClass() >= DlnLedger.Contribution.ALONE_HELP_T;
    }

    /**
     * Whether the evidence is that of a step beyond any honest length
     * ({@link DlnLedger.Contribution#MAX_STEP_RATIO}) and no more with the others than a random
     * direction ({@link DlnLedger.Contribution#ORTHOGONAL}).
     */
    private static boolean astrayAmongOthers(final Evidence e) {
        return e.alignment() >= -1 && e.stepRatio() > DlnLedger.Contribution.MAX_STEP_RATIO
                && e.alignment() < DlnLedger.Contribution.ORTHOGONAL;
    }

    /**
     * Whether the evidence is that of added noise: a step astray among the others
     * ({@link #astrayAmongOthers}) that alone makes most of the fragment's classes worse
     * ({@link DlnLedger.Contribution#UNLEARNING_SHARE}), whichever class it happens to help. In a first
     * round on Dirichlet(0.1) data (8 providers, seed 9) the one-digit honest steps aggregate to a model
     * that names one class for every image, and noise ten times their length, flattening it, lowered
     * the fragment's loss by 14-18 standard errors: kept by every bound on help, it set the run on
     * another path that ended 4.7 points lower. Alone it made 9 of 10 digits worse, and its best
     * class gained 2.2 standard errors at most (of ten classes, the best gains one by chance in four
     * fragments of five). No honest step measured longer than twice the typical one made 70 % of
     * the classes worse alone (the largest provider of quantity-skewed data, the one honest step
     * astray, made none worse; docs/protocol.md §1, "Noise, unlearning and colluders against the others").
     */
    public static boolean noise(final Evidence e) {
        return astrayAmongOthers(e) && e.aloneHarmed() >= DlnLedger.Contribution.UNLEARNING_SHARE;
    }

    /**
     * Whether the evidence is that of colluders against the others: copies of one step
     * ({@link Evidence#copied}) clearly against the aggregate of the rest
     * ({@link DlnLedger.Contribution#clearlyAgainst}). Honest updates of different data are never
     * copies, and a step against the others undoes their work whatever it measures: inner-product
     * manipulation (every attacker sends the honest mean times a small negative factor) shortens the
     * round's step, which in a first round on Dirichlet(0.1) data lowered the fragment's loss by 24
     * standard errors and was kept by "no harm".
     */
    public static boolean colludesAgainst(final Evidence e) {
        return e.copied() > 0.5 && e.clearlyAgainst();
    }

    /**
     * The verdict, with {@code tolerance} the model's k. Added noise ({@link #noise}) and copies
     * against the others ({@link #colludesAgainst}) are rejected whatever they measure. A long step
     * ({@link DlnLedger.Contribution#longStep}) must not make the model worse at all
     * (t &gt;= 0), whatever its direction: a boosted update points with the others and harms by
     * overshooting (leave-one-out sees only part of that harm when another long step in the set
     * still overshoots without it), and a label flipper's step is long among alike honest ones,
     * whose direction it half shares. A long step clearly against the others (alignment at or
     * below -{@link DlnLedger.Contribution#AGAINST_SPAN}) must clearly help (t &gt;= k): no honest step measured was both,
     * while label flippers late in a run were, helping within the noise (t 0.1-1.4). So must a step
     * beyond {@link DlnLedger.Contribution#MAX_STEP_RATIO} no more with the others than a random
     * direction (alignment below {@link DlnLedger.Contribution#ORTHOGONAL}) and no more with the
     * federation's last step either ({@link Evidence#trend}): added noise, 10-14x and orthogonal to both,
     * harms too little for "no harm" to catch, while the largest provider of quantity-skewed data,
     * 3-700x the typical step when small providers' steps shrink toward zero, goes the federation's
     * way (its steps made most of it) even where it is orthogonal to the small ones: such a step
     * must help beyond the fragment's noise ({@link #COURSE_HELP}), which noise steered along that
     * course read from the ledger did not. An update that, judged alone, unlearns
     * ({@link DlnLedger.Contribution#unlearns}: most classes worse, none better) is rejected
     * whatever it measures: label flippers on Dirichlet(0.1) data that unlearned alone helped their
     * rounds by t 3.2-12, and no honest update that unlearned measured t &gt;= k. A step
     * short for its set ({@link DlnLedger.Contribution#shortStep}: "a little is enough"
     * among alike honest steps) must not make the model worse at all (t &gt;= 0), unless leaving it
     * out moves the round's aggregate by less than the set's spread ({@link DlnLedger.Contribution#negligible}:
     * its weight leaves its shape nothing to do to the round; it is judged as any other step) and it
     * does not go clearly against the others. A copy
     * ({@code copied} above one half) must not make the model worse at all either: its group of
     * copies was left out together, and a group that harms is collusion, not noise of skewed data.
     * Otherwise: without a measured direction, accepted unless t &lt; -k; specialised work
     * ({@link #specialised}) accepted; against the others and
     * the federation's course ({@link #againstCourse}), unless t &lt; 0; against the others only,
     * unless t &lt; -{@link #againstTolerance} (k at an alignment of zero, down to
     * {@link #AGAINST_TOLERANCE} at -{@link DlnLedger.Contribution#AGAINST_SPAN} and below); with them, unless t &lt; -k
     * and no class gains k standard errors (docs/protocol.md §1).
     */
    public static boolean accepts(final Evidence e, final double tolerance) {
        if (noise(e) || colludesAgainst(e)) {
            return false;
        }
        final boolean longStep = DlnLedger.Contribution.longStep(e.stepRatio(), e.stepSpread());
        final boolean against = e.clearlyAgainst();
        // Beyond any length of equal-sized honest data and no more with the others, nor with the
        // federation's last step, than a random direction: added noise (10-14x the typical step,
        // cosine within 0.003 of zero with the others, within 0.005 with the last step) harms so
        // little that "no harm" kept it half the time. The largest provider of quantity-skewed data
        // measured 7-700x and -0.02 to -0.08 against small providers that fit their few examples
        // already (steps of 10^-6 to 10^-3 of the model's norm), and 0.02-0.12 with the last step,
        // helping by t 0.4-2.5: it is held to help beyond the noise, not to k (docs/protocol.md §1).
        final boolean astrayAmongOthers = astrayAmongOthers(e);
        final boolean astray = astrayAmongOthers && e.trend() < DlnLedger.Contribution.ORTHOGONAL;
        // Alone it makes most classes worse (half, for a long step) and helps none: trained on
        // wrong labels, whatever its direction among the others and whatever it does to the round
        // (label flippers kept at 30 %: a step 1.2-2.6x the typical one helping the round by t
        // 0.2-3.3 on IID data, by 3.2-12 on Dirichlet(0.1) data, docs/protocol.md §1).
        if (DlnLedger.Contribution.unlearns(e.aloneBestClass(), e.aloneHarmed(), longStep)) {
            return false;
        }
        if (longStep && against || astray) {
            return e.t() >= tolerance;
        }
        if (astrayAmongOthers) {
            // With the federation's course only: it must help beyond the fragment's noise, which
            // noise steered along that course (ledger-noise) did not.
            return e.t() >= Math.min(COURSE_HELP, tolerance);
        }
        // A short step whose weight barely moves the round (a tiny provider's) is judged as any other: its
        // shape cannot shorten the round's step. Not one clearly against the others: that is no "little
        // less" but a reversal, and where honest steps diverge (Dirichlet data, late in a run) the others'
        // mean is short, so even inner-product manipulation's copies moved the round less than the
        // spread (16 providers, 30 %: 0.3-0.9 of it, docs/protocol.md §8).
        final boolean shortStep = DlnLedger.Contribution.shortStep(e.stepRatio(), e.stepSpread())
                && !(DlnLedger.Contribution.negligible(e.shift(), e.stepSpread()) && !against);
        if (longStep || shortStep || e.copied() > 0.5) {
            return e.t() >= 0;
        }
        if (e.alignment() < -1) {
            return e.t() >= -tolerance;
        }
        if (specialised(e)) {
            return true;
        }
        if (e.alignment() < MIN_ALIGNMENT) {
            // Against the others and against the federation's course as well: an honest step of
            // skewed data astray in its round still goes the way the federation went (cosine 0.007
            // and above in every such kept step measured), a sign-flipped one late in a run does
            // not, and harms by only 0.6-2.3 standard errors, within the allowance below.
            if (againstCourse(e.trend())) {
                return e.t() >= 0;
            }
            return e.t() >= -againstTolerance(e.alignment(), tolerance);
        }
        return e.t() >= -tolerance || e.bestClass() >= tolerance;
    }
}

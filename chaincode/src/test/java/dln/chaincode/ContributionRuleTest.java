package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.ContributionRule;
import dln.chaincode.score.ScoreEvidence;
import dln.chaincode.score.Score;
import org.junit.jupiter.api.Test;

/** The contribution policy's verdict from one score's numbers, against hand-computed values. */
class ContributionRuleTest {

    private static Score score(final String reason, final Double c, final Double se, final Double cosine) {
        return score(reason, c, se, cosine, null);
    }

    private static Score score(final String reason, final Double c, final Double se, final Double cosine, final Double stepRatio) {
        return copies(reason, c, se, cosine, stepRatio, null);
    }

    private static Score copies(final String reason, final Double c, final Double se, final Double cosine, final Double stepRatio,
            final Integer copies) {
        return new Score("u-1", null, 0.5, 10, "t", reason, false, c, se, cosine, stepRatio, copies, null, null, null, null, null, null);
    }

    /** A spread of step ratios no member measured: only three typical steps make a step long. */
    private static final double NO_SPREAD = -1;

    /** A best class no member measured: no sign against the update. */
    private static final double NO_CLASSES = 1.0e6;

    private static boolean accepts(final double t, final double alignment, final double stepRatio, final double copied, final double k) {
        return accepts(t, alignment, stepRatio, copied, NO_CLASSES, k);
    }

    private static boolean accepts(final double t, final double alignment, final double stepRatio, final double copied, final double bestClass,
            final double k) {
        return ContributionRule.accepts(new ContributionRule.Evidence(t, alignment, stepRatio, copied, bestClass, NO_SPREAD), k);
    }

    @Test
    void theTStatisticIsTheDecreaseOverItsStandardError() {
        assertEquals(-4.0, ScoreEvidence.of(score(null, -0.008, 0.002, 0.3)).t(), 1e-12);
        assertEquals(2.5, ScoreEvidence.of(score(null, 0.005, 0.002, null)).t(), 1e-12);
        assertEquals(-1.0e6, ScoreEvidence.of(score("moved 9x", null, null, null)).t(), 0, "a failed sanity check");
        assertEquals(1.0e6, ScoreEvidence.of(score(null, 0.001, 0.0, null)).t(), 0, "no spread: by its sign");
        assertEquals(0.0, ScoreEvidence.of(score(null, 0.0, 0.0, null)).t(), 0);
    }

    @Test
    void theAlignmentIsTheMeasuredCosineOrNoDirection() {
        assertEquals(0.25, ScoreEvidence.of(score(null, -0.008, 0.002, 0.25)).alignment(), 0);
        assertEquals(ContributionRule.NO_DIRECTION, ScoreEvidence.of(score(null, -0.008, 0.002, null)).alignment(), 0,
                "not measured: no sign either way");
        assertEquals(-1.0, ScoreEvidence.of(score("moved 9x", -0.008, 0.002, 0.9)).alignment(), 0, "a failed sanity check never aligns");
    }

    @Test
    void theBestClassIsTheMeasuredOneOrNoSignAgainst() {
        final Score measured = new Score("u-1", null, 0.5, 10, "t", null, false, -0.01, 0.001, 0.06, 1.0, 1, -0.1, null, null, null, null, null);
        assertEquals(-0.1, ScoreEvidence.of(measured).bestClass(), 0);
        assertEquals(1.0e6, ScoreEvidence.of(score(null, -0.01, 0.001, 0.06)).bestClass(), 0, "not measured (gossip, a regression)");
        assertEquals(-1.0e6, ScoreEvidence.of(score("moved 9x", null, null, null)).bestClass(), 0, "a failed sanity check");
    }

    @Test
    void withoutADirectionTheTTestAtKDecides() {
        // Gossip and updates alone in their set measure no direction: k = 3 as before directions were measured.
        assertTrue(accepts(-3.0, ContributionRule.NO_DIRECTION, 1, 0, 3));
        assertFalse(accepts(-3.01, ContributionRule.NO_DIRECTION, 1, 0, 3));
    }

    /**
     * Late in a run a sign-flipped step harms by one to three standard errors a round (8 providers,
     * IID, 30 % sign-flip, seed 7, rounds 5-10: t -0.9 to -3.4, cosine -0.04 to -0.16), within k.
     * Clearly against the others (cosine -0.1 and below), one standard error is all the harm
     * allowed; between 0 and -0.1 the allowance falls linearly from k.
     */
    @Test
    void againstTheOthersTheHarmAllowedFallsToOneStandardError() {
        assertEquals(3.0, ContributionRule.againstTolerance(-0.0, 3), 1e-12);
        assertEquals(2.0, ContributionRule.againstTolerance(-0.05, 3), 1e-12);
        assertEquals(1.0, ContributionRule.againstTolerance(-0.1, 3), 1e-12);
        assertEquals(1.0, ContributionRule.againstTolerance(-0.6, 3), 1e-12);
        assertEquals(1.0 + 4 * 0.75, ContributionRule.againstTolerance(-0.025, 5), 1e-12, "from the model's k");
        assertTrue(accepts(-1.0, -0.12, 1, 0, 3));
        assertFalse(accepts(-1.01, -0.12, 1, 0, 3));
        assertFalse(accepts(-2.4, -0.12, 1, 0, 3), "a late sign-flip, within k: rejected");
        assertTrue(accepts(-1.9, -0.05, 1, 0, 3), "nearly orthogonal: 2 standard errors allowed");
        assertFalse(accepts(-2.1, -0.05, 1, 0, 3));
        assertTrue(accepts(5, -0.9, 1, 0, 3), "helping is kept whatever the direction");
        assertTrue(accepts(-1.65, -0.001, 1, 0, 3), "an honest step of Dirichlet(0.1) data, orthogonal to the rest: kept");
    }

    /**
     * Measured (8 providers, 30 % sign-flip, seeds 7-9): sign-flipped steps kept late in a run
     * went against the others (cosine -0.03 to -0.16) and against the federation's last step
     * (-0.05 to 0), harming by 0.6-2.3 standard errors; the honest steps of the same rows and of
     * the attack-free ones that went against the others went with that course (0.007 and above).
     */
    @Test
    void againstTheOthersAndTheFederationsCourseNoHarmIsAllowed() {
        final double sign = -0.95;
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(sign, -0.057, 1.07, 0, 1.4, 0.02, 1.2, 0, -0.013), 3),
                "a late sign-flip against both: rejected");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(sign, -0.057, 1.07, 0, 1.4, 0.02, 1.2, 0, 0.008), 3),
                "against the others but with the course: the allowance of a step astray");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(sign, -0.057, 1.07, 0, 1.4, 0.02, 1.2, 0), 3),
                "the course not measured (the first round): the allowance");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.0, -0.057, 1.07, 0, 1.4, 0.02, 1.2, 0, -0.013), 3),
                "against both but harming nothing: kept");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(-1.2, 0.02, 1.07, 0, 1.4, 0.02, 1.2, 0, -0.013), 3),
                "with the others, against the course: as with the others");
        assertTrue(ContributionRule.againstCourse(-0.0001));
        assertFalse(ContributionRule.againstCourse(0.0));
        assertFalse(ContributionRule.againstCourse(ContributionRule.NO_DIRECTION), "not measured");
    }

    /**
     * Measured (seed 7, 8 providers, 30 % label-flip): a flipped update goes with the others
     * (cosine 0.05-0.25: the hidden layers learn the same strokes) and harms by 10-16 standard
     * errors, while helping no class (best class t -2.4 to 0.9 on IID data); an honest update of
     * Dirichlet(0.1) data harms as much in the early rounds (t down to -8.1 at 32 providers) but
     * helps its own classes by 3.2-26 standard errors.
     */
    /**
     * An honest update of one or two digits (Dirichlet 0.1, 8 providers, seed 9, round 6): it
     * harms a balanced fragment by 6.7 standard errors while it goes with the federation's course and
     * helps its own class in the round and alone. Each clause is needed: less course, a class
     * helped within the noise, or a step clearly against the others, and the harm decides.
     */
    @Test
    void specialisedWorkWithTheCourseIsKeptWhateverItsHarmOnABalancedFragment() {
        final double harm = -6.7;
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 1.0, 0, 2.47, 0.022, 2.79, 0.8, 0.061), 3),
                "with the course, its class helped in the round and alone: kept");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 1.0, 0, 2.47, 0.022, 2.79, 0.8, 0.049), 3),
                "with the course by less than 0.05: the harm decides");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 1.0, 0, 0.99, 0.022, 2.79, 0.8, 0.061), 3),
                "no class helped in the round beyond the noise");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 1.0, 0, 2.47, 0.022, 0.99, 0.6, 0.061), 3),
                "no class helped alone beyond the noise");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, -0.1, 1.0, 0, 2.47, 0.022, 2.79, 0.8, 0.061), 3),
                "clearly against the others");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 1.0, 0, 2.47, 0.022, 2.79, 0.8), 3),
                "the course not measured (the first round)");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(harm, 0.152, 0.5, 0, 2.47, 0.022, 2.79, 0.8, 0.061), 3),
                "a short step: no harm, whatever its course");
    }

    @Test
    void withTheOthersHarmIsKeptOnlyWhenSomeClassGains() {
        assertFalse(accepts(-12.8, 0.06, 1, 0, -0.1, 3), "labels flipped: harms, helps no class");
        assertTrue(accepts(-7.5, 0.14, 1, 0, 19.9, 3), "honest, skewed: harms, helps its own class");
        assertTrue(accepts(-3.0, 0.06, 1, 0, -0.1, 3), "within the tolerance, whatever the classes");
        assertTrue(accepts(-13.3, 0.02, 1, 0, 3.0, 3), "a class gaining exactly k");
        assertFalse(accepts(-13.3, 0.02, 1, 0, 2.99, 3));
        assertTrue(accepts(-13.3, 0.0, 1, 0, NO_CLASSES, 3), "no classes measured: kept as before");
    }

    @Test
    void theStepRatioIsTheMeasuredOneOrZero() {
        assertEquals(7.46, ScoreEvidence.of(score(null, -0.14, 0.052, 0.6, 7.46)).stepRatio(), 0);
        assertEquals(0.0, ScoreEvidence.of(score(null, -0.14, 0.052, 0.6, null)).stepRatio(), 0, "not measured: no sign of a long step");
        assertEquals(0.0, ScoreEvidence.of(score("moved 9x", null, null, null, 7.46)).stepRatio(), 0, "a failed sanity check is rejected by its t");
    }

    /**
     * The boosted update of round 9 of the night's MISSED row (8 providers, Dirichlet 0.5, 30 %
     * boosted, seed 7): ratio 7.46, members' c/se -0.1409/0.0522 and -0.0702/0.0518, so t = -2.70
     * and -1.36, median (two: their mean) -2.03, within k = 3; direction 0.6 would have kept it too.
     * Beyond 3x the typical step it must not harm at all.
     */
    @Test
    void aStepLongerThanThreeTypicalOnesMustNotHarmAtAll() {
        final double t = (-0.14092870975137603 / 0.052209540786961446 + -0.07024281611129106 / 0.051775014275536324) / 2;
        assertEquals(-2.0280, t, 1e-4);
        assertTrue(accepts(t, 0.6, 3.0, 0, 3), "3x is still an ordinary step: within the tolerance");
        assertFalse(accepts(t, 0.6, 7.46, 0, 3), "7.46x and harmful: rejected whatever its direction");
        assertFalse(accepts(-0.01, 1.0, 3.01, 0, 3), "any harm, by a hair beyond 3x");
        assertTrue(accepts(0.0, 0.4, 10, 0, 3), "a long step with the others that does not harm is kept (a large honest provider)");
        assertTrue(accepts(0.0, ContributionRule.NO_DIRECTION, 10, 0, 3), "nor without a direction");
    }

    /**
     * Added noise of round 5 of the evening's probe (4 providers, Dirichlet 0.5, 30 % noise, seed
     * 7): a step 11.6 times the typical one, cosine 0.002 with the others, members' t 0.45 and
     * -0.33 (median 0.06): no harm, so kept, and 3 of 10 noise updates were. Beyond 3x and no more
     * with the others than a random direction (cosine below 0.01), a step must clearly help.
     */
    @Test
    void aStepBeyondThreeTypicalOnesAsOrthogonalAsARandomDirectionMustClearlyHelp() {
        final double t = (0.452343 + -0.331813) / 2;
        assertFalse(accepts(t, 0.002, 11.56, 0, 3), "noise: no harm is not enough");
        assertFalse(accepts(2.99, -0.09, 10, 0, 3), "against the others and beyond 3x: k standard errors");
        assertFalse(accepts(2.99, 0.0099, 10, 0, 3), "a hair under the bound: k standard errors");
        assertTrue(accepts(3.0, 0.002, 11.56, 0, 3), "clearly helping: kept");
        assertTrue(accepts(t, DlnLedger.Contribution.ORTHOGONAL, 11.56, 0, 3), "at the bound it goes with the others: no harm is enough");
        assertTrue(accepts(t, 0.002, 3.0, 0, 3), "3x is an ordinary length: the allowance of a step with the others");
    }

    /**
     * The largest provider of quantity-skewed data at 4 providers (quantity:0.2, seed 8, round 5 of
     * the fifteenth session's run): its step 6.55 times the typical one, which was a small
     * provider's that already fit its few examples; cosine -0.083 with the others, 0.104 with the
     * federation's last step; t 2.50. Rejected as astray before the course was measured (t &lt; k);
     * with it, a step that goes the federation's way, held to help beyond the fragment's noise (one
     * standard error). Added noise of the same length measured within 0.005 of zero both ways and
     * stays astray; noise steered along the course helped within the noise.
     */
    @Test
    void aLongStepOrthogonalToTheOthersButWithTheFederationsCourseMustHelpBeyondTheNoise() {
        final ContributionRule.Evidence largest = new ContributionRule.Evidence(2.50, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.104);
        assertTrue(ContributionRule.accepts(largest, 3), "with the federation's course: help beyond the noise is enough");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(1.0, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.104), 3),
                "at one standard error");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(0.78, 0.005, 15.2, 0, 1.5, 0.3, 1.5, 0, 0.051), 3),
                "noise steered along the course (ledger-noise, 4 providers, quantity 0.2, seed 7, round 6): within the noise");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.5, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.104), 0.5),
                "under a tolerance below one the bar is the tolerance");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(2.50, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.0099), 3),
                "a hair under the bound on the course too: astray, t < k");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(2.50, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0), 3),
                "the course not measured: astray as before");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(0.44, 0.002, 10.4, 0, 1.14, 0.02, 1.14, 0, 0.003), 3),
                "noise (8 IID providers, seed 8): orthogonal both ways, t < k");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(2.50, -0.5, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.5), 3),
                "clearly against the others: the federation's course does not excuse it");
    }

    @Test
    void theTrendIsTheMeasuredCosineOrNoDirection() {
        final Score measured = new Score("u-1", null, 0.5, 10, "t", null, false, 0.001, 0.001, 0.2, 1.3, 1, 1.4, 0.05, -2.5, 0.9, 0.104, null);
        assertEquals(0.104, ScoreEvidence.of(measured).trend(), 0);
        assertEquals(ContributionRule.NO_DIRECTION, ScoreEvidence.of(score(null, 0.001, 0.001, 0.2)).trend(), 0, "not measured");
        assertEquals(-1.0, ScoreEvidence.of(score("moved 9x", null, null, null)).trend(), 0, "a failed sanity check");
    }

    /**
     * The largest provider of quantity-skewed data (8 providers, quantity:0.2, seed 7: 4,607 of
     * 7,000 examples), round 6: its step 8.0 times the typical one, cosine 0.075 with the others,
     * members' c/se 0.0325/0.0246 and 0.0984/0.0297 (t 1.32 and 3.31). Honest work that helps, with
     * the others by more than a random direction: kept. Under the bound of 0.1 it had to clearly
     * help and was rejected in 7 of 10 rounds of that row.
     */
    @Test
    void aLargeProvidersLongStepWithTheOthersIsKeptWhenItHelps() {
        final double t = (0.0324970 / 0.0245758 + 0.0983858 / 0.0297042) / 2;
        assertTrue(accepts(new ContributionRule.Evidence(t, 0.0747244, 8.0033, 0, 1.86, 0.78567), 3), "helping, with the others: kept");
        assertFalse(accepts(new ContributionRule.Evidence(-0.01, 0.0747244, 8.0033, 0, 1.86, 0.78567), 3), "a long step still must not harm");
    }

    /**
     * "A little is enough" of round 4 of the evening's probe (8 IID providers, 30 %, seed 7): the
     * colluders' step 0.632 times the typical one where the set's spread was 0.022 (honest IID
     * steps within 1 +- 0.14), members' t -1.57 and 1.24 (median -0.165), cosine 0.18. Within k
     * with the others: kept before; short for its set, so held to no harm.
     */
    @Test
    void aStepShortForItsSetsSpreadMustNotHarmAtAll() {
        final double t = (-1.57 + 1.24) / 2;
        assertTrue(accepts(t, 0.18, 0.632, 0, 3), "spread not measured: an ordinary step within the tolerance");
        assertFalse(accepts(new ContributionRule.Evidence(t, 0.18, 0.632, 0, 1.5, 0.022), 3), "six spreads (at least 0.05) below 1: short");
        assertTrue(accepts(new ContributionRule.Evidence(0.0, 0.18, 0.632, 0, 1.5, 0.022), 3), "a short step that does not harm is kept");
        // The bound is 1 - 6 x max(spread, 0.05): 0.7 for alike steps, none once the spread reaches 1/6.
        assertTrue(accepts(new ContributionRule.Evidence(-0.01, 0.18, 0.70, 0, 1.5, 0.022), 3), "0.7 is still ordinary");
        assertFalse(accepts(new ContributionRule.Evidence(-0.01, 0.18, 0.69, 0, 1.5, 0.022), 3));
        assertTrue(accepts(new ContributionRule.Evidence(t, 0.18, 0.05, 0, 1.5, 0.17), 3), "a set spread by skewed data has no short step");
        assertTrue(dln.api.DlnLedger.Contribution.shortStep(0.0, 0.0), "a zero step in a set of alike ones is short");
        assertFalse(dln.api.DlnLedger.Contribution.shortStep(0.0, -1), "no spread measured: nothing is short");
    }

    /**
     * The 10-example provider of the 4-provider quantity 0.2 row (seed 7, round 3, 2026-12-07): its
     * step 0.62 times the typical one where the spread was 0.047, cosine -0.04 with the others and
     * 0.056 with the federation's course, t -1.51. Short for its set, it was held to no harm and
     * rejected; its weight (10 of ~2,000 capped examples) moves the aggregate by about 0.01 of a
     * typical step, less than the set's steps differ, so its shape cannot shorten the round's step
     * and it is judged as any step against the others (allowance 2.2 standard errors here).
     */
    @Test
    void aShortStepThatBarelyMovesTheAggregateIsJudgedAsAnyOther() {
        final double t = -1.51;
        assertFalse(accepts(new ContributionRule.Evidence(t, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.056), 3),
                "shift not measured: short, held to no harm");
        assertFalse(accepts(new ContributionRule.Evidence(t, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.056, 0.2), 3),
                "a full weight (\"a little is enough\"): short, held to no harm");
        assertTrue(accepts(new ContributionRule.Evidence(t, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.056, 0.008), 3),
                "moving the aggregate less than the spread: judged as any other step (specialised work here: with the course, its classes helped)");
        // With the course by less than specialised work goes: the allowance against the others, 1 + 2 x (1 - 0.4) = 2.2.
        assertTrue(accepts(new ContributionRule.Evidence(t, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.03, 0.008), 3),
                "within the allowance against the others");
        assertFalse(accepts(new ContributionRule.Evidence(-2.3, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.03, 0.008), 3),
                "beyond it, rejected as any other step");
        assertFalse(accepts(new ContributionRule.Evidence(t, -0.04, 0.62, 0, 1.39, 0.047, 1.24, 0.2, -0.01, 0.008), 3),
                "against the federation's course too: no harm, as for any other step");
        assertFalse(accepts(new ContributionRule.Evidence(-0.5, -0.3, 0.62, 0, 1.39, 0.047, 1.24, 0.2, 0.03, 0.008), 3),
                "clearly against the others (inner-product manipulation): held to no harm whatever its weight");
        assertFalse(accepts(new ContributionRule.Evidence(t, 0.2, 0.62, 1, 1.39, 0.047, 1.24, 0.2, 0.03, 0.008), 3),
                "a copy is held to no harm whatever its weight");
        assertFalse(accepts(new ContributionRule.Evidence(t, 0.2, 1.62, 0, 1.39, 0.047, 1.24, 0.2, 0.03, 0.008), 3),
                "a long step is held to no harm whatever its weight");
        assertTrue(DlnLedger.Contribution.negligible(0.046, 0.047));
        assertFalse(DlnLedger.Contribution.negligible(0.047, 0.047), "as far as the steps differ: not negligible");
        assertFalse(DlnLedger.Contribution.negligible(0.0, -1), "no spread measured: nothing is negligible");
    }

    @Test
    void whatLeavingTheUpdateOutMovesIsTheMeasuredOrNotNegligible() {
        final Score measured = new Score("u-1", null, 0.5, 10, "t", null, false, 0.001, 0.001, 0.2, 0.6, 1, 1.4, 0.05, 1.2, 0.1, 0.05, 0.004);
        assertEquals(0.004, ScoreEvidence.of(measured).shift(), 0);
        assertEquals(ContributionRule.BOUND, ScoreEvidence.of(score(null, 0.001, 0.001, 0.2)).shift(), 0, "not measured: beyond any spread");
        assertEquals(ContributionRule.BOUND, ScoreEvidence.of(score("moved 9x", null, null, null)).shift(), 0, "a failed sanity check");
    }

    /**
     * A label flipper of round 8 of the night's run (8 IID providers, 30 % label-flip, seed 7): a
     * step 1.37x the typical one (spread 0.014) against the others (cosine -0.32), helping within
     * the noise (t 1.29 and 0.26, median 0.78). Long and clearly against the others, it must
     * clearly help, by k standard errors.
     */
    @Test
    void aLongStepClearlyAgainstTheOthersMustClearlyHelp() {
        final double t = (1.29 + 0.26) / 2;
        assertFalse(accepts(new ContributionRule.Evidence(t, -0.32, 1.37, 0, 2.4, 0.014), 3), "helping within the noise: rejected");
        assertTrue(accepts(new ContributionRule.Evidence(3.0, -0.32, 1.37, 0, 2.4, 0.014), 3), "helping by k: kept");
        assertFalse(accepts(new ContributionRule.Evidence(2.99, -0.1, 1.37, 0, 2.4, 0.014), 3), "-0.1 is clearly against");
        assertTrue(accepts(new ContributionRule.Evidence(t, -0.099, 1.37, 0, 2.4, 0.014), 3), "nearly orthogonal: no harm is enough");
        assertTrue(accepts(new ContributionRule.Evidence(t, -0.32, 1.37, 0, 2.4, 0.2), 3), "an ordinary step for a spread set: within the allowance");
        assertTrue(accepts(12.5, -1.0, 10, 0, 3), "beyond 3x and wholly against, t 12.5: clearly helping");
        assertFalse(accepts(2.0, -1.0, 10, 0, 3), "beyond 3x and wholly against, t 2 < k");
    }

    @Test
    void whatTheUpdateDoesAloneIsTheMeasuredOrNoSignOfUnlearning() {
        final Score measured = new Score("u-1", null, 0.5, 10, "t", null, false, 0.001, 0.001, 0.2, 1.3, 1, 1.4, 0.05, -2.5, 0.9, null, null);
        assertEquals(-2.5, ScoreEvidence.of(measured).aloneBestClass(), 0);
        assertEquals(0.9, ScoreEvidence.of(measured).aloneHarmed(), 0);
        final Score old = score(null, 0.001, 0.001, 0.2);
        assertEquals(1.0e6, ScoreEvidence.of(old).aloneBestClass(), 0, "not measured: helps beyond any bound");
        assertEquals(0.0, ScoreEvidence.of(old).aloneHarmed(), 0, "not measured: harms no class");
        final Score insane = score("moved 9x", null, null, null);
        assertEquals(-1.0e6, ScoreEvidence.of(insane).aloneBestClass(), 0, "a failed sanity check");
        assertEquals(1.0, ScoreEvidence.of(insane).aloneHarmed(), 0);
    }

    /**
     * A label flipper of the 2026-12-05 slice (16 IID providers, 30 %, seed 7): its step 2.2 times
     * the typical one and with the others (cosine 0.82), helping the round by t +0.47; alone it
     * made 8 of 10 digits worse beyond 3 standard errors and helped none (best class -2.1). Kept
     * before by "no harm"; it unlearns, so it is rejected whatever it measures: label flippers on
     * Dirichlet(0.1) data that unlearned alone helped their rounds by t 3.2-12 (8 providers, 30 %,
     * seeds 7-9, the nineteenth session's run), and no honest update both unlearned and helped by k.
     */
    @Test
    void anUpdateThatUnlearnsIsRejectedWhateverItMeasures() {
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(0.47, 0.82, 2.2, 0, 1.61, 0.01, -2.1, 0.8), 3), "unlearns: t < k");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.47, 0.82, 2.2, 0, 1.61, 0.01), 3), "as judged before");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(11.95, -0.013, 1.02, 0, 12.99, 0.055, -4.83, 1.0, 0.039), 3),
                "a label flipper on Dirichlet(0.1) data helping its round by 12 standard errors (round 2, seed 9): rejected");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(11.95, -0.013, 1.02, 0, 12.99, 0.055, 1.0, 1.0, 0.039), 3),
                "the same helping one class alone by a standard error: judged by its help");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.47, 0.2, 1.0, 0, 1.61, 0.05, 0.99, 0.6), 3),
                "harms 60 % of the classes: below the share (an honest update of a tiny partition early in a run)");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.47, 0.2, 1.0, 0, 1.61, 0.05, 1.0, 0.9), 3),
                "helps one class by a standard error: learns something (an honest one-digit provider late in a run)");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(0.47, 0.2, 1.0, 0, 1.61, 0.05, 0.99, 0.7), 3),
                "70 % harmed, no class helped: unlearns");
    }

    /**
     * Five label flippers of round 4 on seed 9 (16 IID providers, 30 %): each went 1.9-2.0 times
     * the typical step (spread 0.023), with the others (cosine 0.82), helping the round by t +0.21;
     * alone each made 6 of 10 digits worse and helped none (best class -0.7 to -1.6). Below the
     * 70 % share, they were kept and the run ended 6 points below its twin. A long step that helps
     * no class alone unlearns from half the classes.
     */
    @Test
    void aLongStepThatHelpsNoClassAloneUnlearnsFromHalfTheClasses() {
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(0.21, 0.82, 1.95, 0, 1.04, 0.023, -0.99, 0.6), 3),
                "long, 60 % harmed, none helped: unlearns");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(2.99, 0.82, 1.95, 0, 1.04, 0.023, -0.99, 0.5), 3), "half: unlearns");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(3.0, 0.82, 1.95, 0, 1.04, 0.023, -0.99, 0.5), 3),
                "helping by k: unlearns all the same");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.21, 0.82, 1.95, 0, 1.04, 0.023, -0.99, 0.4), 3),
                "40 % harmed: a long step held to no harm, as before");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.21, 0.82, 1.95, 0, 1.04, 0.023, 1.0, 0.6), 3),
                "helps a class by a standard error alone: learns something");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(0.21, 0.82, 1.2, 0, 1.04, 0.023, -0.99, 0.6), 3),
                "an ordinary step (1.2 <= 1 + 6 * 0.05) harming 60 %: below the share, as an honest tiny partition's early step");
    }

    @Test
    void theStepSpreadIsTheMeasuredOneOrNotMeasured() {
        final Score measured = new Score("u-1", null, 0.5, 10, "t", null, false, -0.01, 0.001, 0.06, 1.81, 1, 1.1, 0.0125, null, null, null, null);
        assertEquals(0.0125, ScoreEvidence.of(measured).stepSpread(), 0);
        assertEquals(-1.0, ScoreEvidence.of(score(null, -0.01, 0.001, 0.06, 1.81)).stepSpread(), 0, "not measured: only 3x makes a step long");
        assertEquals(-1.0, ScoreEvidence.of(new Score("u-1", null, 0.5, 10, "t", "moved 9x", false, null, null, null, 1.81, 1, null, 0.0125, null, null, null, null)).stepSpread(),
                0, "a failed sanity check is rejected by its t");
    }

    /**
     * A label flipper of round 6 of the evening's matrix slice (8 IID providers, 30 % label-flip,
     * seed 7): its step 1.81 times the typical one where the set's ratios were 0.970-1.017 and its
     * other flipper's 1.858 (spread 0.0125), members' t 0.28 and -0.73 (median -0.225), direction
     * 0.39 and -0.10, best class 1.38 and 0.92. Within k, with the others: kept before; long for its
     * set, so held to no harm.
     */
    @Test
    void aStepLongForItsSetsSpreadMustNotHarmAtAll() {
        final double t = (0.28 + -0.73) / 2;
        assertTrue(accepts(t, 0.15, 1.81, 0, 1.15, 3), "spread not measured: an ordinary step within the tolerance");
        assertFalse(accepts(new ContributionRule.Evidence(t, 0.15, 1.81, 0, 1.15, 0.0125), 3), "six spreads (at least 0.05) above 1: long");
        assertTrue(accepts(new ContributionRule.Evidence(0.0, 0.15, 1.81, 0, 1.15, 0.0125), 3), "a long step that does not harm is kept");
        // The bound is 1 + 6 x max(spread, 0.05): 1.3 for alike steps, wider as the set spreads.
        assertTrue(accepts(new ContributionRule.Evidence(-0.01, 0.15, 1.30, 0, 1.15, 0.0125), 3), "1.3 is still ordinary");
        assertFalse(accepts(new ContributionRule.Evidence(-0.01, 0.15, 1.31, 0, 1.15, 0.0125), 3));
        assertTrue(accepts(new ContributionRule.Evidence(t, 0.15, 1.81, 0, 1.15, 0.2), 3),
                "Dirichlet(0.1): honest steps spread to 2.2, so 1.81 is ordinary there (bound 2.2)");
        assertFalse(accepts(new ContributionRule.Evidence(-0.01, 0.15, 3.01, 0, 1.15, 0.5), 3), "beyond 3x whatever the spread");
    }

    private static boolean accepts(final ContributionRule.Evidence e, final double k) {
        return ContributionRule.accepts(e, k);
    }

    @Test
    void copiedIsOneWhenTheMemberFoundCopies() {
        assertEquals(1.0, ScoreEvidence.of(copies(null, -0.001, 0.001, null, 1.0, 3)).copied(), 0);
        assertEquals(0.0, ScoreEvidence.of(copies(null, -0.001, 0.001, 0.4, 1.0, 1)).copied(), 0, "a group of one is no copy");
        assertEquals(0.0, ScoreEvidence.of(copies(null, -0.001, 0.001, 0.4, 1.0, null)).copied(), 0, "not measured: no sign of a copy");
        assertEquals(0.0, ScoreEvidence.of(copies("moved 9x", null, null, null, null, 3)).copied(), 0, "a failed sanity check is rejected by its t");
    }

    /**
     * Colluders sending one crafted vector (ALIE: mean minus z std) harm by a hair each round: t =
     * -0.4 is far inside k = 3, with the others (cosine 0.2). As copies they must not harm at all.
     */
    @Test
    void aCopyMustNotHarmAtAll() {
        assertTrue(accepts(-0.4, 0.2, 1.0, 0, 3), "an update alone, a hair worse: within the tolerance");
        assertFalse(accepts(-0.4, 0.2, 1.0, 1, 3), "copies, a hair worse: rejected");
        assertFalse(accepts(-0.4, 0.9, 1.0, 1, 3), "whatever a direction says");
        assertTrue(accepts(0.0, 0.2, 1.0, 1, 3), "copies that do not harm are kept (one weight for the group)");
        assertTrue(accepts(0.0, ContributionRule.NO_DIRECTION, 1.0, 1, 3), "with no direction measured (before 2026-12-07), as before");
        assertTrue(accepts(-0.4, 0.2, 1.0, 0.5, 3), "half the quorum saw copies: not more than half, judged as ordinary");
        assertFalse(accepts(-0.4, 0.2, 1.0, 0.51, 3));
    }

    /**
     * Inner-product manipulation in the first round (8 providers, Dirichlet 0.1, 30 %, seed 9, the
     * nineteenth session's run): two copies of the honest mean times -0.1, 0.08 times the typical step; left
     * out together they shortened the round's step, and at the start, where the one-digit steps
     * aggregate to a model that names one class for every image, that lowered the fragment's loss by
     * t 24.4: kept by "no harm", and the run ended 4.85 points under its twin. Copies clearly against
     * the others are rejected whatever they measure; a lone step that far against them is judged as before.
     */
    @Test
    void copiesClearlyAgainstTheOthersAreRejectedWhateverTheyMeasure() {
        final ContributionRule.Evidence ipm = new ContributionRule.Evidence(24.40, -0.99, 0.08, 1, 16.72, 0.044, 18.62, 0.6);
        assertTrue(ContributionRule.colludesAgainst(ipm));
        assertFalse(ContributionRule.accepts(ipm, 3), "copies against the others: rejected however they help");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(24.40, -0.99, 0.08, 0, 16.72, 0.044, 18.62, 0.6), 3),
                "one step alone that far against the others: judged by its help, as before");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(24.40, -DlnLedger.Contribution.AGAINST_SPAN, 1.0, 1, 16.72, 0.044, 18.62, 0.6), 3),
                "at the bound: clearly against");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(24.40, -0.0999, 1.0, 1, 16.72, 0.044, 18.62, 0.6), 3),
                "a hair above it: copies that help are kept");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(24.40, ContributionRule.NO_DIRECTION, 1.0, 1, 16.72, 0.044, 18.62, 0.6), 3),
                "copies with no direction measured: no harm is enough, as before");
    }

    /**
     * Added noise in the first round (8 providers, Dirichlet 0.1, 30 %, seed 9, the nineteenth
     * session's run): steps 9.8 and 11.0 times the typical one, cosine -0.002 with the others and no
     * course yet, each lowering the fragment's loss by t 17.8 and 14.1 (flattening a model that
     * named one class for every image); alone each made 9 of 10 digits worse, best class -2.05 and
     * 2.22. Kept as clearly helping, and the run ended 4.7 points under its twin. The honest step
     * astray among the others (the largest provider of quantity-skewed data) made no class worse alone.
     */
    @Test
    void addedNoiseThatAloneMakesMostClassesWorseIsRejectedWhateverItMeasures() {
        final double none = ContributionRule.NO_DIRECTION;
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(17.84, -0.0024, 9.82, 0, 12.22, 0.034, -2.05, 0.9, none), 3),
                "noise that helps by 17.8 standard errors, unlearning alone");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(14.09, -0.0024, 11.01, 0, 15.55, 0.034, 2.22, 0.9, none), 3),
                "noise whose best class alone gains 2.2: its other nine made worse");
        assertFalse(ContributionRule.accepts(new ContributionRule.Evidence(14.09, -0.0024, 11.01, 0, 15.55, 0.034, 2.22,
                DlnLedger.Contribution.UNLEARNING_SHARE, none), 3), "at the share");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(14.09, -0.0024, 11.01, 0, 15.55, 0.034, 2.22, 0.6, none), 3),
                "below the share: astray, and clearly helping, as before");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(14.09, DlnLedger.Contribution.ORTHOGONAL, 11.01, 0, 15.55, 0.034, 2.22, 0.9, none), 3),
                "with the others: a long step that helps, as before");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(14.09, -0.0024, DlnLedger.Contribution.MAX_STEP_RATIO, 0, 15.55, 0.034, 2.22, 0.9, none), 3),
                "of an ordinary length: its harm alone is the unlearning rule's");
        assertTrue(ContributionRule.accepts(new ContributionRule.Evidence(2.50, -0.083, 6.55, 0, 1.74, 0.030, 1.74, 0, 0.104), 3),
                "the largest provider of quantity-skewed data: no class worse alone, kept as before");
    }
}

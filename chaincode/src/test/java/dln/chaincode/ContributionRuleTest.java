package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.chaincode.score.ContributionRule;
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
        return new Score("u-1", null, 0.5, 10, "t", reason, false, c, se, cosine, stepRatio, copies);
    }

    @Test
    void theTStatisticIsTheDecreaseOverItsStandardError() {
        assertEquals(-4.0, ContributionRule.tStatistic(score(null, -0.008, 0.002, 0.3)), 1e-12);
        assertEquals(2.5, ContributionRule.tStatistic(score(null, 0.005, 0.002, null)), 1e-12);
        assertEquals(-1.0e6, ContributionRule.tStatistic(score("moved 9x", null, null, null)), 0, "a failed sanity check");
        assertEquals(1.0e6, ContributionRule.tStatistic(score(null, 0.001, 0.0, null)), 0, "no spread: by its sign");
        assertEquals(0.0, ContributionRule.tStatistic(score(null, 0.0, 0.0, null)), 0);
    }

    @Test
    void theAlignmentIsTheMeasuredCosineOrMinusOne() {
        assertEquals(0.25, ContributionRule.alignment(score(null, -0.008, 0.002, 0.25)), 0);
        assertEquals(-1.0, ContributionRule.alignment(score(null, -0.008, 0.002, null)), 0, "not measured: no sign it goes with the others");
        assertEquals(-1.0, ContributionRule.alignment(score("moved 9x", -0.008, 0.002, 0.9)), 0, "a failed sanity check never aligns");
    }

    @Test
    void rejectedOnlyWhenMeasurablyWorseAndAgainstTheOthers() {
        // k = 3: t = -3 is within the tolerance; t = -3.01 is not.
        assertTrue(ContributionRule.accepts(-3.0, -0.5, 1, 0, 3));
        assertFalse(ContributionRule.accepts(-3.01, -0.5, 1, 0, 3));
        // Measurably worse but going with the others (cosine >= 0, orthogonal included): kept.
        assertTrue(ContributionRule.accepts(-13.3, 0.02, 1, 0, 3));
        assertTrue(ContributionRule.accepts(-13.3, 0.0, 1, 0, 3));
        assertFalse(ContributionRule.accepts(-13.3, -0.02, 1, 0, 3));
        // Helping is kept whatever the direction.
        assertTrue(ContributionRule.accepts(5, -0.9, 1, 0, 3));
    }

    @Test
    void theStepRatioIsTheMeasuredOneOrZero() {
        assertEquals(7.46, ContributionRule.stepRatio(score(null, -0.14, 0.052, 0.6, 7.46)), 0);
        assertEquals(0.0, ContributionRule.stepRatio(score(null, -0.14, 0.052, 0.6, null)), 0, "not measured: no sign of a long step");
        assertEquals(0.0, ContributionRule.stepRatio(score("moved 9x", null, null, null, 7.46)), 0, "a failed sanity check is rejected by its t");
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
        assertTrue(ContributionRule.accepts(t, 0.6, 3.0, 0, 3), "3x is still an ordinary step: within the tolerance");
        assertFalse(ContributionRule.accepts(t, 0.6, 7.46, 0, 3), "7.46x and harmful: rejected whatever its direction");
        assertFalse(ContributionRule.accepts(-0.01, 1.0, 3.01, 0, 3), "any harm, by a hair beyond 3x");
        assertTrue(ContributionRule.accepts(0.0, -1.0, 10, 0, 3), "a long step that does not harm is kept (a large honest provider)");
        assertTrue(ContributionRule.accepts(12.5, -1.0, 10, 0, 3));
    }

    @Test
    void copiedIsOneWhenTheMemberFoundCopies() {
        assertEquals(1.0, ContributionRule.copied(copies(null, -0.001, 0.001, null, 1.0, 3)), 0);
        assertEquals(0.0, ContributionRule.copied(copies(null, -0.001, 0.001, 0.4, 1.0, 1)), 0, "a group of one is no copy");
        assertEquals(0.0, ContributionRule.copied(copies(null, -0.001, 0.001, 0.4, 1.0, null)), 0, "not measured: no sign of a copy");
        assertEquals(0.0, ContributionRule.copied(copies("moved 9x", null, null, null, null, 3)), 0, "a failed sanity check is rejected by its t");
    }

    /**
     * Colluders sending one crafted vector (ALIE: mean minus z std) harm by a hair each round: t =
     * -0.4 is far inside k = 3, and the copies carry no direction. As copies they must not harm at all.
     */
    @Test
    void aCopyMustNotHarmAtAll() {
        assertTrue(ContributionRule.accepts(-0.4, -1.0, 1.0, 0, 3), "an update alone, a hair worse: within the tolerance");
        assertFalse(ContributionRule.accepts(-0.4, -1.0, 1.0, 1, 3), "copies, a hair worse: rejected");
        assertFalse(ContributionRule.accepts(-0.4, 0.9, 1.0, 1, 3), "whatever a direction says");
        assertTrue(ContributionRule.accepts(0.0, -1.0, 1.0, 1, 3), "copies that do not harm are kept (one weight for the group)");
        assertTrue(ContributionRule.accepts(-0.4, -1.0, 1.0, 0.5, 3), "half the quorum saw copies: not more than half, judged as ordinary");
        assertFalse(ContributionRule.accepts(-0.4, -1.0, 1.0, 0.51, 3));
    }
}

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
        return new Score("u-1", null, 0.5, 10, "t", reason, false, c, se, cosine);
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
        assertTrue(ContributionRule.accepts(-3.0, -0.5, 3));
        assertFalse(ContributionRule.accepts(-3.01, -0.5, 3));
        // Measurably worse but going with the others (cosine >= 0, orthogonal included): kept.
        assertTrue(ContributionRule.accepts(-13.3, 0.02, 3));
        assertTrue(ContributionRule.accepts(-13.3, 0.0, 3));
        assertFalse(ContributionRule.accepts(-13.3, -0.02, 3));
        // Helping is kept whatever the direction.
        assertTrue(ContributionRule.accepts(5, -0.9, 3));
    }
}

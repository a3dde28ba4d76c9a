package dln.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedLossTest {

    @Test
    void theMeanAndStandardErrorAreThoseOfThePairedDifferences() {
        // differences 0.2, 0.1, 0.3, 0.0: mean 0.15, sample variance 0.016667, se sqrt(0.016667 / 4) = 0.064550
        final PairedLoss d = PairedLoss.of(new double[] {1.2, 0.6, 2.3, 0.5}, new double[] {1.0, 0.5, 2.0, 0.5});
        assertEquals(0.15, d.mean(), 1e-12);
        assertEquals(Math.sqrt(0.05 / 3 / 4), d.standardError(), 1e-12);
        assertEquals(0.15 / Math.sqrt(0.05 / 3 / 4), d.tStatistic(), 1e-9);
        assertEquals(4, d.examples());
    }

    @Test
    void pairingCancelsWhatBothModelsShare() {
        // Losses that vary a lot from example to example but move together: the spread of the
        // difference, not of the losses, sets the error.
        final double[] with = {0.01, 5.0, 0.3, 9.0, 2.0};
        final double[] without = new double[with.length];
        for (int i = 0; i < with.length; i++) {
            without[i] = with[i] + 0.02 + (i % 2 == 0 ? 0.001 : -0.001);
        }
        final PairedLoss d = PairedLoss.of(without, with);
        assertEquals(0.0202, d.mean(), 1e-9);
        assertEquals(true, d.tStatistic() > 40, "a small, consistent improvement is many standard errors: " + d.tStatistic());
    }

    @Test
    void identicalModelsChangeNothingAndADifferenceWithoutSpreadCountsByItsSign() {
        assertEquals(0, PairedLoss.of(new double[] {1, 2}, new double[] {1, 2}).tStatistic());
        assertEquals(-1.0e6, PairedLoss.of(new double[] {1, 2}, new double[] {1.5, 2.5}).tStatistic());
        assertThrows(IllegalArgumentException.class, () -> PairedLoss.of(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void theBestClassIsTheLargestTStatisticOverOneClassesExamples() {
        // class 0: differences 0.2, 0.1 (mean 0.15, se 0.05, t 3); class 1: -0.3, -0.1 (t -2);
        // class 2: one example (left out); class 3: none.
        final double[] without = {1.2, 1.0, 0.5, 0.9, 3.0};
        final double[] with = {1.0, 0.9, 0.8, 1.0, 1.0};
        final int[] labels = {0, 0, 1, 1, 2};
        assertEquals(3.0, PairedLoss.bestClass(without, with, labels, 4), 1e-9);
        assertEquals(-2.0, PairedLoss.bestClass(new double[] {0.5, 0.9}, new double[] {0.8, 1.0}, new int[] {1, 1}, 4), 1e-9,
                "a harm on every class it measures: its best class is negative");
        assertEquals(null, PairedLoss.bestClass(new double[] {3.0}, new double[] {1.0}, new int[] {2}, 4), "no class with two examples");
        assertThrows(IllegalArgumentException.class, () -> PairedLoss.bestClass(without, with, new int[] {0}, 4));
    }

    @Test
    void eachClassHasItsTStatisticAndTheHarmedShareCountsTheMeasuredOnes() {
        // The same examples: class 0 t 3, class 1 t -2, classes 2 and 3 not measured.
        final double[] without = {1.2, 1.0, 0.5, 0.9, 3.0};
        final double[] with = {1.0, 0.9, 0.8, 1.0, 1.0};
        final double[] t = PairedLoss.byClass(without, with, new int[] {0, 0, 1, 1, 2}, 4);
        assertEquals(3.0, t[0], 1e-9);
        assertEquals(-2.0, t[1], 1e-9);
        assertTrue(Double.isNaN(t[2]) && Double.isNaN(t[3]), "fewer than two examples: not measured");
        assertEquals(0.5, PairedLoss.harmedShare(t, 1.5), 0, "one of the two measured classes below -1.5");
        assertEquals(0.0, PairedLoss.harmedShare(t, 2.0), 0, "-2 is not below -2");
        assertEquals(null, PairedLoss.harmedShare(new double[] {Double.NaN, Double.NaN}, 1.0), "nothing measured");
        assertEquals(3.0, PairedLoss.bestClass(t), 1e-9);
    }
}

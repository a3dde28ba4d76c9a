package dln.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossThresholdAttackTest {

    @Test
    void aucAndAdvantageOfAHandCheckedCase() {
        // Members {1, 2, 3}, non-members {2, 4}. Pairs (member, non-member) the attack orders right
        // (member loss lower): (1,2) (1,4) (2,4) (3,4) = 4, the tie (2,2) half: 4.5 of 6 = 0.75.
        // Thresholds: loss <= 1: TPR 1/3, FPR 0; <= 2: 2/3 - 1/2; <= 3: 1 - 1/2 = 0.5 (the best); <= 4: 0.
        final double[] members = {3, 1, 2};
        final double[] nonMembers = {4, 2};
        assertEquals(0.75, LossThresholdAttack.auc(members, nonMembers), 1e-15);
        assertEquals(0.5, LossThresholdAttack.advantage(members, nonMembers), 1e-15);
        assertEquals(new LossThresholdAttack.Outcome(0.75, 0.5), LossThresholdAttack.of(members, nonMembers));
    }

    @Test
    void separatedIdenticalAndReversedLosses() {
        assertEquals(1.0, LossThresholdAttack.auc(new double[] {0.1, 0.2}, new double[] {0.3, 0.4, 0.5}));
        assertEquals(1.0, LossThresholdAttack.advantage(new double[] {0.1, 0.2}, new double[] {0.3, 0.4, 0.5}));
        assertEquals(0.5, LossThresholdAttack.auc(new double[] {1, 1, 1}, new double[] {1, 1}));
        assertEquals(0.0, LossThresholdAttack.advantage(new double[] {1, 1, 1}, new double[] {1, 1}));
        assertEquals(0.0, LossThresholdAttack.auc(new double[] {5, 6}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> LossThresholdAttack.auc(new double[0], new double[] {1}));
    }

    @Test
    void theNullStandardErrorOfTheAuc() {
        // One member, one non-member: the AUC is 0 or 1 with probability 1/2, deviation 1/2 = sqrt(3 / 12).
        assertEquals(0.5, LossThresholdAttack.nullStandardError(1, 1), 1e-15);
        assertEquals(Math.sqrt(6401.0 / (12.0 * 3200 * 3200)), LossThresholdAttack.nullStandardError(3200, 3200), 1e-15);
    }

    @Test
    void theRankFormulaEqualsCountingEveryPair() {
        final SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            final double[] a = new double[1 + rng.nextInt(40)];
            final double[] b = new double[1 + rng.nextInt(40)];
            // Rounded to one decimal: many ties.
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.round(rng.nextDouble() * 20) / 10.0;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = Math.round((0.3 + rng.nextDouble()) * 20) / 10.0;
            }
            double pairs = 0;
            for (double x : a) {
                for (double y : b) {
                    pairs += x < y ? 1 : x == y ? 0.5 : 0;
                }
            }
            assertEquals(pairs / (a.length * b.length), LossThresholdAttack.auc(a, b), 1e-12);
            double best = 0;
            for (double t : concat(a, b)) {
                best = Math.max(best, share(a, t) - share(b, t));
            }
            assertEquals(best, LossThresholdAttack.advantage(a, b), 1e-12);
        }
    }

    private static double share(final double[] x, final double t) {
        return java.util.Arrays.stream(x).filter(v -> v <= t).count() / (double) x.length;
    }

    private static double[] concat(final double[] a, final double[] b) {
        final double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

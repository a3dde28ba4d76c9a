package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Min-max and min-sum satisfy their defining bound, as tightly as the binary search allows. */
class MinMaxTest {

    private static List<float[]> estimates(final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final List<float[]> out = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            final float[] e = new float[6];
            for (int i = 0; i < e.length; i++) {
                e[i] = (float) (0.3 * (i % 3 - 1) + 0.1 * (r.nextDouble() - 0.5));
            }
            out.add(e);
        }
        return out;
    }

    @Test
    void minMaxStaysWithinTheLargestBenignDistanceAndNoFurther() {
        for (MinMax.Perturbation p : MinMax.Perturbation.values()) {
            final List<float[]> g = estimates(3);
            final float[] m = MinMax.craft(g, MinMax.Objective.MIN_MAX, p);
            double benign = 0;
            for (float[] a : g) {
                for (float[] b : g) {
                    benign = Math.max(benign, Steps.distance(a, b));
                }
            }
            double worst = 0;
            for (float[] a : g) {
                worst = Math.max(worst, Steps.distance(m, a));
            }
            assertTrue(worst <= benign * (1 + 1e-5), p + ": " + worst + " > " + benign);
            assertTrue(worst >= benign * (1 - 1e-3), p + ": gamma is the largest, so the bound is tight: " + worst + " vs " + benign);
            assertTrue(MinMax.gamma(g, MinMax.Objective.MIN_MAX, p) > 0);
            assertArrayEquals(m, MinMax.craft(estimates(3), MinMax.Objective.MIN_MAX, p), 0f, "deterministic");
        }
    }

    @Test
    void minSumStaysWithinTheLargestBenignSumOfSquaredDistancesAndNoFurther() {
        for (MinMax.Perturbation p : MinMax.Perturbation.values()) {
            final List<float[]> g = estimates(4);
            final float[] m = MinMax.craft(g, MinMax.Objective.MIN_SUM, p);
            double benign = 0;
            for (float[] a : g) {
                double s = 0;
                for (float[] b : g) {
                    s += Math.pow(Steps.distance(a, b), 2);
                }
                benign = Math.max(benign, s);
            }
            double sum = 0;
            for (float[] a : g) {
                sum += Math.pow(Steps.distance(m, a), 2);
            }
            assertTrue(sum <= benign * (1 + 1e-5), p + ": " + sum + " > " + benign);
            assertTrue(sum >= benign * (1 - 1e-3), p + ": tight: " + sum + " vs " + benign);
            assertArrayEquals(m, MinMax.craft(estimates(4), MinMax.Objective.MIN_SUM, p), 0f, "deterministic");
        }
    }

    @Test
    void theCraftedDeltaIsTheMeanPushedAgainstTheStd() {
        // Two estimates: mean (1, 0), std (sqrt 2, 0); the push moves the first coordinate only.
        final List<float[]> g = List.of(new float[] {0, 0}, new float[] {2, 0});
        final float[] m = MinMax.craft(g, MinMax.Objective.MIN_MAX, MinMax.Perturbation.INVERSE_STD);
        // mean - gamma sqrt 2 is farthest from 2, at 1 + gamma sqrt 2 <= 2: gamma = 1 / sqrt 2, on the first estimate.
        assertEquals(0.0, m[0], 1e-6);
        assertEquals(0.0, m[1], 0.0);
        // Estimates that agree leave nothing to push within.
        final float[] same = {0.5f, -0.5f};
        assertArrayEquals(same, MinMax.craft(List.of(same, same.clone()), MinMax.Objective.MIN_SUM, MinMax.Perturbation.INVERSE_STD), 0f);
        assertArrayEquals(same, MinMax.craft(List.of(same), MinMax.Objective.MIN_MAX, MinMax.Perturbation.INVERSE_UNIT), 0f);
    }
}

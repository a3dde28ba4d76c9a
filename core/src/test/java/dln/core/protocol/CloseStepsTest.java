package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pre-filtered search for copies finds exactly the pairs that every pair's cosine over all
 * coordinates finds, near the threshold too.
 */
class CloseStepsTest {

    private static final int DIM = 5 * CloseSteps.BLOCK + 17;

    /** Every pair's cosine from {@link UpdateGeometry.Steps}: what the protocol computed before the pre-filter. */
    private static List<String> allPairs(final List<float[]> v, final float[] start, final double threshold) {
        final UpdateGeometry.Steps steps = UpdateGeometry.Steps.of(v, start);
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            for (int j = i + 1; j < v.size(); j++) {
                if (steps.cosine(i, j) >= threshold) {
                    out.add(i + "-" + j);
                }
            }
        }
        return out;
    }

    private static List<String> filtered(final List<float[]> v, final float[] start, final double threshold) {
        return CloseSteps.pairs(v, start, threshold).stream().map(p -> p[0] + "-" + p[1]).toList();
    }

    @Test
    void copiesJitteredCopiesAndCopiesAtTheThresholdAreFoundAsByEveryPair() {
        final SplittableRandom r = new SplittableRandom(7);
        final float[] start = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            start[j] = (float) r.nextGaussian();
        }
        final float[] step = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            // a step that moves mostly in one block, as real steps move some layers more than others
            step[j] = (float) (r.nextGaussian() * (j / CloseSteps.BLOCK == 3 ? 0.05 : 0.005));
        }
        final List<float[]> v = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            final float[] w = new float[DIM];
            // 0-5: honest steps; 6, 7: jittered copies of one step; 8: that step at twice the size;
            // 9-11: the step with growing noise, across the 0.999 threshold
            final double jitter = switch (k) {
                case 6, 7, 8 -> 1e-4;
                case 9 -> 0.02;
                case 10 -> 0.045;
                case 11 -> 0.06;
                default -> -1;
            };
            for (int j = 0; j < DIM; j++) {
                final double own = r.nextGaussian() * 0.01;
                w[j] = jitter < 0 ? (float) (start[j] + own) : (float) (start[j] + (k == 8 ? 2 : 1) * step[j] * (1 + jitter * r.nextGaussian()));
            }
            v.add(w);
        }
        v.add(start.clone()); // no step at all: no cosine
        final List<String> expected = allPairs(v, start, RoundContributions.COPY_COSINE);
        assertTrue(expected.contains("6-7") && expected.contains("6-8"), "the copies are within the threshold: " + expected);
        assertTrue(!expected.contains("6-11"), "the noisiest is not: " + expected);
        assertEquals(expected, filtered(v, start, RoundContributions.COPY_COSINE));
        // Thresholds that fall between the pairs' cosines: still the same pairs.
        for (double t : new double[] {0.5, 0.99, 0.995, 0.998, 0.9995, 0.99999}) {
            assertEquals(allPairs(v, start, t), filtered(v, start, t), "threshold " + t);
        }
    }
}

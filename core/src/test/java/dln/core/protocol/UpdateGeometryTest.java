package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UpdateGeometryTest {

    private static float[] randomVector(final long seed, final int n) {
        final Random r = new Random(seed);
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static float[] plus(final float[] a, final float[] b, final float k) {
        final float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + k * b[i];
        }
        return out;
    }

    @Test
    void aStepAlongTheTrendScoresOneAndItsMirrorMinusOne() {
        final float[] previous = randomVector(1, 1000);
        final float[] trend = randomVector(2, 1000);
        final float[] start = plus(previous, trend, 0.1f);
        assertEquals(1.0, UpdateGeometry.trendCosine(plus(start, trend, 0.05f), start, previous), 1e-4);
        // A sign-flipped update: start minus the honest step.
        assertEquals(-1.0, UpdateGeometry.trendCosine(plus(start, trend, -0.05f), start, previous), 1e-4);
    }

    @Test
    void noiseIsNearlyOrthogonalInManyDimensions() {
        final float[] previous = randomVector(3, 200_000);
        final float[] start = plus(previous, randomVector(4, 200_000), 0.1f);
        final double c = UpdateGeometry.trendCosine(plus(start, randomVector(5, 200_000), 0.3f), start, previous);
        assertTrue(Math.abs(c) < 0.02, "cosine of independent noise: " + c);
    }

    @Test
    void noStepMeansNoAnswer() {
        final float[] start = randomVector(6, 100);
        assertTrue(Double.isNaN(UpdateGeometry.trendCosine(start.clone(), start, randomVector(7, 100))), "the update did not move");
        assertTrue(Double.isNaN(UpdateGeometry.trendCosine(randomVector(8, 100), start, start.clone())), "the federation did not move");
    }

    @Test
    void relativeDistanceIsTheStepOverTheModelSize() {
        final float[] start = {3, 4};
        assertEquals(0.2, UpdateGeometry.relativeDistance(new float[] {3.6f, 4.8f}, start), 1e-6);
        assertEquals(0.0, UpdateGeometry.relativeDistance(start.clone(), start), 0.0);
    }

    @Test
    void vectorsOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UpdateGeometry.trendCosine(new float[2], new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> UpdateGeometry.relativeDistance(new float[2], new float[3]));
    }
}

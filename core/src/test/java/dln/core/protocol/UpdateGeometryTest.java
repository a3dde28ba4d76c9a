package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /** The sums as they were made before the streamed pass: one loop per pair, whole vectors. */
    private static double[] referenceSums(final float[] x1, final float[] x0, final float[] y1, final float[] y0, final float[] scale) {
        double dot = 0;
        double x2 = 0;
        double y2 = 0;
        double n2 = 0;
        for (int i = 0; i < x1.length; i++) {
            final double x = (double) x1[i] - x0[i];
            final double y = (double) y1[i] - y0[i];
            dot += x * y;
            x2 += x * x;
            y2 += y * y;
            n2 += (double) scale[i] * scale[i];
        }
        return new double[] {dot, x2, y2, n2};
    }

    private static double referenceCosine(final float[] x1, final float[] x0, final float[] y1, final float[] y0, final float[] scale) {
        final double[] s = referenceSums(x1, x0, y1, y0, scale);
        final double tiny = 1e-12 * Math.max(1e-12, s[3]);
        return s[1] <= tiny || s[2] <= tiny ? Double.NaN : s[0] / Math.sqrt(s[1] * s[2]);
    }

    /** One and two vectors take their own loops: every sum has the bits it has among three vectors (the general loop), in any chunking. */
    @Test
    void oneAndTwoVectorsGiveTheBitsTheyHaveInALargerSet() throws Exception {
        final int n = 70_001;
        final float[] start = randomVector(11, n);
        final float[][] u = {plus(start, randomVector(12, n), 0.02f), plus(start, randomVector(13, n), 0.03f),
            plus(start, randomVector(14, n), 0.01f)};
        for (int chunk : new int[] {1 << 20, 4096, 7}) {
            final UpdateGeometry.Steps three = UpdateGeometry.Steps.measure(
                    java.util.Arrays.stream(u).map(dln.core.weights.ParameterSource::of).toList(), dln.core.weights.ParameterSource.of(start), chunk);
            final UpdateGeometry.Steps one = UpdateGeometry.Steps.measure(List.of(dln.core.weights.ParameterSource.of(u[1])),
                    dln.core.weights.ParameterSource.of(start), chunk);
            final UpdateGeometry.Steps two = UpdateGeometry.Steps.measure(
                    List.of(dln.core.weights.ParameterSource.of(u[0]), dln.core.weights.ParameterSource.of(u[2])),
                    dln.core.weights.ParameterSource.of(start), chunk);
            assertEquals(Double.doubleToLongBits(three.dot(1, 1)), Double.doubleToLongBits(one.dot(0, 0)), "chunk " + chunk);
            assertEquals(Double.doubleToLongBits(three.relativeDistance(1)), Double.doubleToLongBits(one.relativeDistance(0)), "chunk " + chunk);
            assertEquals(Double.doubleToLongBits(three.dot(0, 0)), Double.doubleToLongBits(two.dot(0, 0)), "chunk " + chunk);
            assertEquals(Double.doubleToLongBits(three.dot(2, 0)), Double.doubleToLongBits(two.dot(1, 0)), "chunk " + chunk);
            assertEquals(Double.doubleToLongBits(three.dot(2, 2)), Double.doubleToLongBits(two.dot(1, 1)), "chunk " + chunk);
            assertEquals(Double.doubleToLongBits(three.cosine(0, 2)), Double.doubleToLongBits(two.cosine(0, 1)), "chunk " + chunk);
        }
    }

    @Test
    void theStreamedPassGivesTheBitsOfThePairwiseWholeVectorSums() throws Exception {
        final int n = 70_001;
        final float[] start = randomVector(1, n);
        final float[] previous = plus(start, randomVector(2, n), -0.01f);
        final float[][] updates = {plus(start, randomVector(3, n), 0.02f), plus(start, randomVector(4, n), 0.03f),
            plus(start, randomVector(5, n), 0.01f)};
        final double[] d = referenceSums(updates[0], start, updates[0], start, start);
        assertEquals(Double.doubleToLongBits(Math.sqrt(d[1]) / Math.sqrt(d[3])),
                Double.doubleToLongBits(UpdateGeometry.relativeDistance(updates[0], start)));
        assertEquals(Double.doubleToLongBits(referenceCosine(updates[1], start, start, previous, start)),
                Double.doubleToLongBits(UpdateGeometry.trendCosine(updates[1], start, previous)));
        for (int chunk : new int[] {1 << 20, 4096, 1000, 7}) {
            final UpdateGeometry.Steps steps = UpdateGeometry.Steps.measure(
                    java.util.Arrays.stream(updates).map(dln.core.weights.ParameterSource::of).toList(),
                    dln.core.weights.ParameterSource.of(start), chunk);
            for (int i = 0; i < updates.length; i++) {
                for (int j = 0; j < updates.length; j++) {
                    if (i != j) {
                        assertEquals(Double.doubleToLongBits(referenceCosine(updates[i], start, updates[j], start, start)),
                                Double.doubleToLongBits(steps.cosine(i, j)), "pair " + i + "," + j + " in chunks of " + chunk);
                    }
                }
            }
        }
    }
}

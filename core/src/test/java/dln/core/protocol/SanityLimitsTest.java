package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SanityLimitsTest {

    /** The start moved along a fixed direction by {@code relative} of its norm. */
    private static float[] moved(final float[] start, final double relative) {
        double norm = 0;
        for (float v : start) {
            norm += (double) v * v;
        }
        final double step = relative * Math.sqrt(norm) / Math.sqrt(start.length);
        final float[] out = start.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (i % 2 == 0 ? step : -step);
        }
        return out;
    }

    @Test
    void aReSubmittedStartHasNotMovedWhileAnHonestStepOfAModelThatFitsItsDataHas() {
        final java.util.Random r = new java.util.Random(7);
        final float[] start = new float[10_000];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) (0.05 * r.nextGaussian());
        }
        assertTrue(SanityLimits.DEFAULT.barelyMoved(UpdateGeometry.relativeDistance(start.clone(), start)), "a free rider's re-sent start");
        // Honest updates late in a 30-round run (16 IID providers) moved 7.9e-9 to 8.7e-4 of the
        // norm; the old bound of 1e-3 refused all of them (docs/protocol.md §8, "The least move").
        for (double honest : new double[] {8.7e-4, 1.0e-4, 5.0e-6}) {
            final double d = UpdateGeometry.relativeDistance(moved(start, honest), start);
            assertFalse(SanityLimits.DEFAULT.barelyMoved(d), "an honest step of " + honest + " of the norm (measured " + d + ")");
        }
        assertTrue(SanityLimits.DEFAULT.barelyMoved(UpdateGeometry.relativeDistance(moved(start, 1.0e-8), start)),
                "float32 rounding around an unchanged model");
    }
}

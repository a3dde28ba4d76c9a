package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Norm clipping measures each update's step from the reference: the previous global model. */
class NormClipReferenceTest {

    @Test
    void clipsTheStepFromTheReferenceNotTheWeights() {
        // r = (1,1). a - r = (3,4), norm 5 > clip 2: scaled to (1.2,1.6). b - r = (0,1), norm 1: kept.
        // Samples 1 and 3: r + (1/4)(1.2,1.6) + (3/4)(0,1) = (1 + 0.3, 1 + 0.4 + 0.75) = (1.3, 2.15).
        float[] ref = {1f, 1f};
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{4f, 5f}, 1), new ModelUpdate("b", new float[]{1f, 2f}, 3));
        float[] out = new NormClippedFedAvg(2).aggregate(AggregationInput.of(us, ref));
        assertArrayEquals(new float[]{1.3f, 2.15f}, out, 1e-6f);
        // Against a zero reference the same updates would give another vector: the reference is what counts.
        float[] fromZero = new NormClippedFedAvg(2).aggregate(AggregationInput.of(us, new float[2]));
        assertTrue(Math.abs(fromZero[0] - out[0]) > 0.1, "clipped against the given reference, not the origin");
    }

    @Test
    void updatesWithinTheRadiusOfTheReferenceAreFedAvg() {
        float[] ref = {10f, -10f};
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{10.5f, -10f}, 1), new ModelUpdate("b", new float[]{10f, -9.5f}, 1));
        assertArrayEquals(new FedAvg().aggregate(AggregationInput.of(us)),
                new NormClippedFedAvg(1).aggregate(AggregationInput.of(us, ref)), 1e-6f);
    }
}

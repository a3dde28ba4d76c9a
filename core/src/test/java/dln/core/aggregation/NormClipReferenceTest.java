package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Norm clipping measures each update's step from the reference: the previous global model; the
 * adaptive bound is a factor times the set's lower median step.
 */
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

    @Test
    void theAdaptiveBoundIsTheFactorTimesTheLowerMedianStep() {
        // r = 0. Steps of norm 1 (a), 2 (b), 3 (c), 30 (d): lower median 2, factor 3, bound 6.
        // d = (0,30) is scaled to (0,6); a, b, c are kept. Equal samples: ((1,0)+(0,2)+(3,0)+(0,6))/4 = (1, 2).
        float[] ref = {0f, 0f};
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{1f, 0f}, 5), new ModelUpdate("b", new float[]{0f, 2f}, 5),
                new ModelUpdate("c", new float[]{3f, 0f}, 5), new ModelUpdate("d", new float[]{0f, 30f}, 5));
        assertArrayEquals(new float[]{1f, 2f}, NormClippedFedAvg.relative(3).aggregate(AggregationInput.of(us, ref)), 1e-6f);
        // The same set with a fixed bound of 6 gives the same bits: one combination, two ways to the bound.
        assertArrayEquals(new NormClippedFedAvg(6).aggregate(AggregationInput.of(us, ref)),
                NormClippedFedAvg.relative(3).aggregate(AggregationInput.of(us, ref)));
        // Boosting d further changes nothing: its clipped step is already the bound.
        List<ModelUpdate> boosted = List.of(us.get(0), us.get(1), us.get(2), new ModelUpdate("d", new float[]{0f, 3000f}, 5));
        assertArrayEquals(new float[]{1f, 2f}, NormClippedFedAvg.relative(3).aggregate(AggregationInput.of(boosted, ref)), 1e-6f);
    }

    @Test
    void theUpperHalfCannotRaiseTheAdaptiveBound() {
        // Two honest steps of norm 1, two attackers at 100: the lower median is 1, so the attackers move at most 2 each.
        float[] ref = {0f};
        List<ModelUpdate> us = List.of(new ModelUpdate("h1", new float[]{1f}, 1), new ModelUpdate("h2", new float[]{1f}, 1),
                new ModelUpdate("x1", new float[]{-100f}, 1), new ModelUpdate("x2", new float[]{-100f}, 1));
        assertArrayEquals(new float[]{(1f + 1f - 2f - 2f) / 4}, NormClippedFedAvg.relative(2).aggregate(AggregationInput.of(us, ref)), 1e-6f);
    }

    @Test
    void aZeroMedianKeepsOnlyTheZeroSteps() {
        float[] ref = {1f, 1f};
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{1f, 1f}, 1), new ModelUpdate("b", new float[]{1f, 1f}, 1),
                new ModelUpdate("c", new float[]{9f, 9f}, 1));
        assertArrayEquals(ref, NormClippedFedAvg.relative(3).aggregate(AggregationInput.of(us, ref)));
    }

    @Test
    void theRegistryBuildsItAndRefusesABadFactor() {
        assertEquals("norm-clipped-fedavg(clip=3.0x lower median step)", AggregationRules.parse("adaptive-clip:3").describe());
        for (String bad : List.of("adaptive-clip", "adaptive-clip:0", "adaptive-clip:-1", "adaptive-clip:x", "adaptive-clip:3:2")) {
            assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse(bad), bad);
        }
    }
}

package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FedNova: steps normalised by their local step counts, then scaled back by the weighted mean count. */
class FedNovaTest {

    @Test
    void normalisesEachStepByItsLocalStepsAgainstHandComputedValues() {
        // ref 0, batch 2. a: 4 samples, tau 2, step (2,0); b: 2 samples, tau 1, step (0,1). p = (2/3, 1/3).
        // tau_eff = 2/3*2 + 1/3*1 = 5/3; sum p*step/tau = 2/3*(1,0) + 1/3*(0,1) = (2/3, 1/3); x = 5/3 * (2/3, 1/3) = (10/9, 5/9).
        // FedAvg gives (4/3, 1/3): the longer step of the provider with more local steps no longer outweighs the other's.
        final List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[] {2f, 0f}, 4), new ModelUpdate("b", new float[] {0f, 1f}, 2));
        assertArrayEquals(new float[] {10f / 9, 5f / 9}, new FedNova(2).aggregate(AggregationInput.of(us, new float[2])), 1e-6f);
        assertArrayEquals(new float[] {4f / 3, 1f / 3}, new FedAvg().aggregate(AggregationInput.of(us)), 1e-6f);
    }

    @Test
    void stepsAreCountedInWholeBatchesFromTheReference() {
        // ref (1,1), batch 32. a: 40 samples, tau 2, step (4,0); b: 10 samples (under one batch), tau 1, step (0,2). p = (4/5, 1/5).
        // tau_eff = 4/5*2 + 1/5*1 = 9/5; sum = 4/5*(2,0) + 1/5*(0,2) = (8/5, 2/5); x = (1,1) + 9/5*(8/5, 2/5) = (1 + 72/25, 1 + 18/25).
        final List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[] {5f, 1f}, 40), new ModelUpdate("b", new float[] {1f, 3f}, 10));
        assertArrayEquals(new float[] {1f + 72f / 25, 1f + 18f / 25}, new FedNova(32).aggregate(AggregationInput.of(us, new float[] {1f, 1f})),
                1e-6f);
    }

    @Test
    void withEqualStepCountsItIsFedAvg() {
        final List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[] {0.5f, -2f, 3f}, 64), new ModelUpdate("b", new float[] {1.5f, 0f, -1f}, 60),
                new ModelUpdate("c", new float[] {-0.25f, 4f, 0f}, 33));
        final float[] ref = {0.1f, 0.2f, -0.3f};
        // 64, 60 and 33 samples are all two batches of 32: every step is divided and multiplied by 2.
        assertArrayEquals(new FedAvg().aggregate(AggregationInput.of(us)), new FedNova(32).aggregate(AggregationInput.of(us, ref)), 1e-6f);
    }

    @Test
    void identicalBitsWhateverTheOrderTheUpdatesCameIn() {
        final List<ModelUpdate> us = List.of(new ModelUpdate("u1", new float[] {0.3f, 0.7f}, 17), new ModelUpdate("u2", new float[] {-1.1f, 0.2f}, 250),
                new ModelUpdate("u3", new float[] {0.9f, -0.4f}, 3));
        final float[] ref = {0.01f, -0.02f};
        final float[] once = new FedNova(32).aggregate(AggregationInput.of(us, ref));
        final float[] reversed = new FedNova(32).aggregate(AggregationInput.of(List.of(us.get(2), us.get(1), us.get(0)), ref));
        assertArrayEquals(once, reversed);
        assertArrayEquals(once, new FedNova(32).aggregate(AggregationInput.of(us, ref)));
    }

    @Test
    void needsTheReferenceAndABatchOfAtLeastOne() {
        final List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[] {1f}, 1));
        assertThrows(IllegalArgumentException.class, () -> new FedNova(32).aggregate(AggregationInput.of(us)));
        assertThrows(IllegalArgumentException.class, () -> new FedNova(0));
        assertEquals(new FedNova(32), AggregationRules.parse("fednova:32"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("fednova"));
    }
}

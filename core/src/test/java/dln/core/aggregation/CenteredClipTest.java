package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CenteredClipTest {

    private static double distance(float[] a, float[] b) {
        return Math.sqrt(VectorMath.squaredDistance(a, b));
    }

    @Test
    void oneIterationClipsEachStepFromTheReference() {
        // r = (1,1); a - r = (3,4), norm 5 > tau = 2: scaled to (1.2,1.6); b - r = (0,1), norm 1: kept.
        // v = r + (1/2)((1.2,1.6) + (0,1)) = (1.6, 2.3).
        float[] ref = {1f, 1f};
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{4f, 5f}, 1), new ModelUpdate("b", new float[]{1f, 2f}, 7));
        assertArrayEquals(new float[]{1.6f, 2.3f}, new CenteredClip(2, 1).aggregate(AggregationInput.of(us, ref)), 1e-6f);
    }

    @Test
    void iterationsWalkTowardsTheUpdatesByAtMostTauEach() {
        // One update x = (3,4) from r = 0, tau = 2: v1 = (1.2,1.6); x - v1 = (1.8,2.4), norm 3, scaled by 2/3:
        // v2 = (2.4,3.2); x - v2 = (0.6,0.8), norm 1 <= 2: v3 = x.
        float[] ref = {0f, 0f};
        List<ModelUpdate> us = List.of(new ModelUpdate("x", new float[]{3f, 4f}, 1));
        assertArrayEquals(new float[]{1.2f, 1.6f}, new CenteredClip(2, 1).aggregate(AggregationInput.of(us, ref)), 1e-6f);
        assertArrayEquals(new float[]{2.4f, 3.2f}, new CenteredClip(2, 2).aggregate(AggregationInput.of(us, ref)), 1e-6f);
        assertArrayEquals(new float[]{3f, 4f}, new CenteredClip(2, 3).aggregate(AggregationInput.of(us, ref)), 1e-6f);
    }

    @Test
    void aHugeOutlierMovesTheResultByAtMostTauOverNPerIteration() {
        float[] ref = new float[10];
        List<ModelUpdate> us = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            us.add(new ModelUpdate("h" + i, ref.clone(), 10));
        }
        float[] huge = new float[10];
        java.util.Arrays.fill(huge, 1e6f);
        us.add(new ModelUpdate("evil", huge, 1_000_000));
        float[] out = new CenteredClip(1, 3).aggregate(AggregationInput.of(us, ref));
        double moved = distance(out, ref);
        assertTrue(moved > 0 && moved <= 3 * 1.0 / 5 + 1e-6, "the outlier moved the result " + moved);

        // Whatever the others do, the result is within iterations * tau of the reference.
        List<ModelUpdate> noisy = new ArrayList<>(AggregationRulesTest.poisoned());
        float[] from = new float[50];
        float[] clipped = new CenteredClip(0.5, 4).aggregate(AggregationInput.of(noisy, from));
        assertTrue(distance(clipped, from) <= 4 * 0.5 + 1e-6, "moved " + distance(clipped, from));
    }

    @Test
    void theSameBitsTwiceAndInAnyInputOrder() {
        List<ModelUpdate> shuffled = new ArrayList<>(AggregationRulesTest.fixedInputs());
        Collections.shuffle(shuffled, new Random(7));
        CenteredClip rule = new CenteredClip(10, 3);
        float[] first = rule.aggregate(AggregationInput.of(AggregationRulesTest.fixedInputs(), AggregationRulesTest.fixedReference()));
        assertArrayEquals(first, rule.aggregate(AggregationInput.of(AggregationRulesTest.fixedInputs(), AggregationRulesTest.fixedReference())));
        assertArrayEquals(first, rule.aggregate(AggregationInput.of(shuffled, AggregationRulesTest.fixedReference())));
    }

    @Test
    void outputBitsArePinned() throws Exception {
        AggregationInput in = AggregationInput.of(AggregationRulesTest.fixedInputs(), AggregationRulesTest.fixedReference());
        assertEquals(PINNED, AggregationRulesTest.sha256(new CenteredClip(10, 3).aggregate(in)));
    }

    static final String PINNED = "0d5cff654ab1ec3e2621612f09dc66f932781757a2273e363a5f43af0d0faaf5";

    @Test
    void itNeedsTheReferenceAndSaysSo() {
        AggregationInput noRef = AggregationInput.of(List.of(new ModelUpdate("a", new float[2], 1)));
        CenteredClip rule = new CenteredClip(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noRef.require(rule));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule.aggregate(noRef));
    }

    @Test
    void badParametersSayWhatToWrite() {
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class, () -> new CenteredClip(0, 1));
        assertTrue(tau.getMessage().contains("centered-clip:1:3"), tau.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CenteredClip(Double.POSITIVE_INFINITY, 1));
        IllegalArgumentException its = assertThrows(IllegalArgumentException.class, () -> new CenteredClip(1, 0));
        assertTrue(its.getMessage().contains("from 1 to 100"), its.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CenteredClip(1, 101));
        assertEquals(1, new CenteredClip(1, 3).minimumUpdates());
    }
}

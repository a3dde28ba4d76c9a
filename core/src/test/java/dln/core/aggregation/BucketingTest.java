package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketingTest {

    private static List<String> ids(String... ids) {
        return List.of(ids);
    }

    private static AggregationInput fixed() {
        return AggregationInput.of(AggregationRulesTest.fixedInputs(), AggregationRulesTest.fixedReference());
    }

    @Test
    void bucketsOfOneAreTheInnerRuleBitForBit() {
        for (AggregationRule inner : List.of(new CoordinateMedian(), new TrimmedMean(0.2), new MultiKrum(2, 3), new CenteredClip(10, 3))) {
            assertArrayEquals(inner.aggregate(fixed()), new Bucketing(1, inner).aggregate(fixed()), inner.describe());
        }
    }

    @Test
    void bucketMeansAreSampleWeightedAndCarryTheSummedSamples() {
        // a, b, c at 0 with 1 sample each, d at 4 with 3 samples; buckets of 2. Whatever the shuffle,
        // d shares a bucket with one zero: mean (3*4 + 1*0)/4 = 3, 4 samples; the other bucket: 0, 2 samples.
        // The median of the two bucket means is (0 + 3)/2 = 1.5.
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{0f}, 1), new ModelUpdate("b", new float[]{0f}, 1),
                new ModelUpdate("c", new float[]{0f}, 1), new ModelUpdate("d", new float[]{4f}, 3));
        Bucketing rule = new Bucketing(2, new CoordinateMedian());
        List<ModelUpdate> buckets = rule.buckets(AggregationInput.of(us));
        assertEquals(2, buckets.size());
        ModelUpdate withD = buckets.stream().filter(b -> b.params()[0] != 0f).findFirst().orElseThrow();
        assertArrayEquals(new float[]{3f}, withD.params());
        assertEquals(4, withD.samples());
        assertEquals(6, buckets.stream().mapToLong(ModelUpdate::samples).sum());
        assertArrayEquals(new float[]{1.5f}, rule.aggregate(AggregationInput.of(us)));
    }

    @Test
    void theLastBucketTakesTheRemainderAndEachBucketKeepsItsSmallestId() {
        List<ModelUpdate> us = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            us.add(new ModelUpdate("u" + i, new float[]{i}, i + 1));
        }
        AggregationInput in = AggregationInput.of(us);
        List<ModelUpdate> buckets = new Bucketing(2, new CoordinateMedian()).buckets(in);
        assertEquals(3, buckets.size());
        assertEquals(15, buckets.stream().mapToLong(ModelUpdate::samples).sum());
        int[] perm = BucketPermutation.of(ids("u0", "u1", "u2", "u3", "u4"));
        assertEquals("u" + Math.min(perm[0], perm[1]), buckets.get(0).updateId());
        assertEquals("u" + perm[4], buckets.get(2).updateId());
        assertTrue(buckets.get(2) == in.updates().get(perm[4]), "a bucket of one is its update itself");
    }

    @Test
    void thePermutationIsFixedByTheIdsAndChangesWithThem() {
        List<String> nine = ids("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8");
        int[] p = BucketPermutation.of(nine);
        assertArrayEquals(p, BucketPermutation.of(new ArrayList<>(nine)));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        assertArrayEquals(VectorMath.all(9), sorted, "a permutation of the canonical indices");
        assertFalse(Arrays.equals(VectorMath.all(9), p), "shuffled");
        assertFalse(Arrays.equals(p, BucketPermutation.of(ids("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u9"))),
                "another id set, another shuffle");
        assertFalse(Arrays.equals(BucketPermutation.seed(ids("ab", "c")), BucketPermutation.seed(ids("a", "bc"))),
                "ids are length-prefixed in the seed, so concatenations do not collide");
        assertArrayEquals(new int[]{0}, BucketPermutation.of(ids("only")));
    }

    @Test
    void theSameBitsTwiceAndInAnyInputOrder() {
        List<ModelUpdate> shuffled = new ArrayList<>(AggregationRulesTest.fixedInputs());
        Collections.shuffle(shuffled, new Random(11));
        for (AggregationRule rule : List.of(new Bucketing(2, new CoordinateMedian()), new Bucketing(3, new TrimmedMean(0.2)),
                new Bucketing(2, new MultiKrum(1, 3)), new Bucketing(2, new CenteredClip(10, 2)))) {
            float[] first = rule.aggregate(fixed());
            assertArrayEquals(first, rule.aggregate(fixed()), rule.describe());
            assertArrayEquals(first, rule.aggregate(AggregationInput.of(shuffled, AggregationRulesTest.fixedReference())), rule.describe());
        }
    }

    @Test
    void outputBitsArePinned() throws Exception {
        assertEquals(PINNED_MEDIAN, AggregationRulesTest.sha256(new Bucketing(2, new CoordinateMedian()).aggregate(fixed())), "median:2");
        assertEquals(PINNED_KRUM, AggregationRulesTest.sha256(new Bucketing(2, new MultiKrum(1, 3)).aggregate(fixed())), "multi-krum:1:3:2");
    }

    static final String PINNED_MEDIAN = "872204649535fe8878fdde9f98994d3fe2da5d04b5e506bd4a3a99e4e67a781f";
    static final String PINNED_KRUM = "c17dbbe33f8b3755c1231777a3a9a5eff46eabf59ed539746afff4ba55817a7a";

    @Test
    void bucketedMedianStillIgnoresAFewPoisonedVectors() {
        // 7 honest, 2 poisoned, buckets of 2: at most 2 of the 5 buckets are poisoned, fewer than half.
        float[] out = new Bucketing(2, new CoordinateMedian()).aggregate(AggregationInput.of(AggregationRulesTest.poisoned()));
        for (float v : out) {
            assertTrue(Math.abs(v - 1f) < 0.05, "gave " + v);
        }
    }

    @Test
    void minimumUpdatesAndNeedsFollowTheInnerRule() {
        // Multi-Krum(1,3) needs 5 buckets; ceil(n/2) >= 5 from n = 9.
        assertEquals(9, new Bucketing(2, new MultiKrum(1, 3)).minimumUpdates());
        assertEquals(1, new Bucketing(3, new CoordinateMedian()).minimumUpdates());
        assertTrue(new Bucketing(2, new CenteredClip(1, 1)).needs().contains(RuleInput.REFERENCE));
        assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(AggregationRulesTest.poisoned())
                .require(new Bucketing(2, new CenteredClip(1, 1))));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new Bucketing(2, new MultiKrum(1, 3)).aggregate(AggregationInput.of(AggregationRulesTest.poisoned().subList(0, 8))));
        assertTrue(few.getMessage().contains("needs at least 9 updates to form the 5 buckets"), few.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bucketing(0, new CoordinateMedian()));
        assertTrue(e.getMessage().contains("median:2"), e.getMessage());
    }

    @Test
    void theRegistryBuildsBucketingFromTheOptionalLastParameter() {
        assertEquals(new Bucketing(2, new CoordinateMedian()), AggregationRules.parse("median:2"));
        assertEquals(new Bucketing(3, new TrimmedMean(0.2)), AggregationRules.parse("trimmed-mean:0.2:3"));
        assertEquals(new Bucketing(2, new MultiKrum(1, 3)), AggregationRules.parse("multi-krum:1:3:2"));
        assertEquals(new Bucketing(2, new CenteredClip(1, 3)), AggregationRules.parse("centered-clip:1:3:2"));
        assertEquals(new CenteredClip(1.5, 3), AggregationRules.parse("centered-clip:1.5:3"));
        assertEquals(new CoordinateMedian(), AggregationRules.parse("median"));

        JsonObject ledger = AggregationRules.toLedger("multi-krum:1:3:2");
        assertEquals("multi-krum", ledger.get("rule").getAsString());
        assertEquals(2, ledger.getAsJsonObject("params").get("bucket").getAsInt());
        assertEquals(AggregationRules.parse("multi-krum:1:3:2"),
                AggregationRules.fromLedger(ledger.get("rule").getAsString(), ledger.getAsJsonObject("params")));
        JsonObject plain = AggregationRules.toLedger("centered-clip:1:3");
        assertFalse(plain.getAsJsonObject("params").has("bucket"));
        assertEquals(new CenteredClip(1, 3), AggregationRules.fromLedger("centered-clip", plain.getAsJsonObject("params")));

        for (String bad : List.of("median:0", "median:1.5", "fedavg:2", "norm-clip:1:2", "centered-clip:1", "centered-clip:1:0",
                "multi-krum:1:3:2:2")) {
            assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse(bad), bad);
        }
    }
}

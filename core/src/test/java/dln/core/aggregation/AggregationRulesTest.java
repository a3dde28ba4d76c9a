package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregationRulesTest {

    /** 9 updates of 1,000 values from a fixed generator; sample counts 100..900. */
    static List<ModelUpdate> fixedInputs() {
        Random r = new Random(20261123);
        List<ModelUpdate> us = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            float[] v = new float[1000];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) r.nextGaussian();
            }
            us.add(new ModelUpdate("u" + i, v, 100L * (i + 1)));
        }
        return us;
    }

    static float[] fixedReference() {
        float[] ref = new float[1000];
        for (int j = 0; j < ref.length; j++) {
            ref[j] = j / 1000f;
        }
        return ref;
    }

    static String sha256(float[] v) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    @Test
    void outputBitsArePinned() throws Exception {
        AggregationInput in = AggregationInput.of(fixedInputs(), fixedReference());
        assertEquals(PINNED_FEDAVG, sha256(new FedAvg().aggregate(in)), "fedavg");
        assertEquals(PINNED_MEDIAN, sha256(new CoordinateMedian().aggregate(in)), "median");
        assertEquals(PINNED_TRIMMED, sha256(new TrimmedMean(0.2).aggregate(in)), "trimmed mean");
        assertEquals(PINNED_KRUM, sha256(new MultiKrum(2, 3).aggregate(in)), "multi-krum");
        assertEquals(PINNED_CLIP, sha256(new NormClippedFedAvg(10).aggregate(in)), "norm clip");
    }

    static final String PINNED_FEDAVG =
            "d9b47b3ef3ac82e4590a8fbb8929a9605ddd517989f9d32ac3b9d75623114004";
    static final String PINNED_MEDIAN =
            "54a9b93742e5bc79442c8344126ced633a2d42b2927b4b3efd7fc3c9812461fb";
    static final String PINNED_TRIMMED =
            "7570a3852055061369ab228436efb63b5d6275986aba1eede9d36c79ebacd4d8";
    static final String PINNED_KRUM =
            "316169833be5702fdcd543ab9686c738193c6f1d854e3c684842016cbb86229f";
    static final String PINNED_CLIP =
            "0e3ea87a7d501ddbca4385fb9065e23dd4cd30a905c6ea66025ea84909d661e2";

    @Test
    void inputOrderDoesNotMatter() {
        List<ModelUpdate> shuffled = new ArrayList<>(fixedInputs());
        Collections.shuffle(shuffled, new Random(1));
        for (AggregationRule rule : List.of(new FedAvg(), new CoordinateMedian(), new TrimmedMean(0.2),
                new MultiKrum(2, 3), new NormClippedFedAvg(10), NormClippedFedAvg.relative(1.5))) {
            assertArrayEquals(rule.aggregate(AggregationInput.of(fixedInputs(), fixedReference())),
                    rule.aggregate(AggregationInput.of(shuffled, fixedReference())), rule.describe());
        }
    }

    @Test
    void fedAvgWeightsBySamples() {
        List<ModelUpdate> us = List.of(
                new ModelUpdate("a", new float[]{0f, 10f}, 1),
                new ModelUpdate("b", new float[]{4f, 20f}, 3));
        assertArrayEquals(new float[]{3f, 17.5f}, new FedAvg().aggregate(AggregationInput.of(us)));
    }

    /** 7 honest vectors near 1.0 and 2 poisoned ones at 1e6. */
    static List<ModelUpdate> poisoned() {
        Random r = new Random(3);
        List<ModelUpdate> us = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            float[] v = new float[50];
            for (int j = 0; j < v.length; j++) {
                v[j] = i < 7 ? 1f + 0.01f * (float) r.nextGaussian() : 1e6f;
            }
            us.add(new ModelUpdate("u" + i, v, 10));
        }
        return us;
    }

    @Test
    void robustRulesIgnoreAFewHugePoisonedVectors() {
        AggregationInput in = AggregationInput.of(poisoned());
        for (AggregationRule rule : List.of(new CoordinateMedian(), new TrimmedMean(0.25), new MultiKrum(2, 4))) {
            for (float v : rule.aggregate(in)) {
                assertTrue(Math.abs(v - 1f) < 0.05, rule.describe() + " gave " + v);
            }
        }
        float[] avg = new FedAvg().aggregate(in);
        assertTrue(avg[0] > 1e5, "plain fedavg is dragged away, as expected");
    }

    @Test
    void multiKrumSelectsTheClusteredUpdates() {
        List<ModelUpdate> us = poisoned();
        float[] krum1 = new MultiKrum(2, 1).aggregate(AggregationInput.of(us));
        boolean equalsAnHonestOne = us.subList(0, 7).stream()
                .anyMatch(u -> java.util.Arrays.equals(u.params(), krum1));
        assertTrue(equalsAnHonestOne, "Krum (m=1) returns one honest update unchanged");
    }

    @Test
    void trimmedMeanDropsExtremes() {
        List<ModelUpdate> us = new ArrayList<>();
        float[] vals = {-100f, 1f, 2f, 3f, 100f};
        for (int i = 0; i < vals.length; i++) {
            us.add(new ModelUpdate("u" + i, new float[]{vals[i]}, 1));
        }
        assertArrayEquals(new float[]{2f}, new TrimmedMean(0.2).aggregate(AggregationInput.of(us)));
        assertArrayEquals(new float[]{1.2f}, new TrimmedMean(0.0).aggregate(AggregationInput.of(us)), 1e-6f);
    }

    @Test
    void medianOfEvenCountAveragesTheMiddlePair() {
        List<ModelUpdate> us = List.of(new ModelUpdate("a", new float[]{1f}, 1), new ModelUpdate("b", new float[]{2f}, 1),
                new ModelUpdate("c", new float[]{10f}, 1), new ModelUpdate("d", new float[]{4f}, 1));
        assertArrayEquals(new float[]{3f}, new CoordinateMedian().aggregate(AggregationInput.of(us)));
    }

    @Test
    void clippingBoundsEachUpdatesInfluence() {
        float[] ref = new float[100];
        List<ModelUpdate> us = new ArrayList<>();
        float[] big = new float[100];
        java.util.Arrays.fill(big, 1000f);
        us.add(new ModelUpdate("evil", big, 1));
        float[] small = new float[100];
        small[0] = 0.5f;
        us.add(new ModelUpdate("good", small, 1));
        float[] out = new NormClippedFedAvg(1.0).aggregate(AggregationInput.of(us, ref));
        double norm = Math.sqrt(VectorMath.squaredDistance(out, ref));
        assertTrue(norm <= 1.0 + 1e-6, "aggregate moved " + norm);
        float[] evilOnly = new NormClippedFedAvg(1.0).aggregate(AggregationInput.of(List.of(us.get(0)), ref));
        assertEquals(1.0, Math.sqrt(VectorMath.squaredDistance(evilOnly, ref)), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> new NormClippedFedAvg(1).aggregate(AggregationInput.of(us)));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(List.of(
                new ModelUpdate("a", new float[2], 1), new ModelUpdate("a", new float[2], 1))));
        assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(List.of(
                new ModelUpdate("a", new float[2], 1), new ModelUpdate("b", new float[3], 1))));
        assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(List.of(
                new ModelUpdate("a", new float[]{Float.NaN}, 1))));
        assertThrows(IllegalArgumentException.class, () -> new ModelUpdate("a", new float[1], 0));
        assertThrows(IllegalArgumentException.class, () -> new MultiKrum(4, 1).aggregate(AggregationInput.of(poisoned())));
        assertThrows(IllegalArgumentException.class, () -> new TrimmedMean(0.5));
    }

    @Test
    void rulesParseFromTheirNames() {
        assertEquals(new TrimmedMean(0.1), AggregationRules.parse("trimmed-mean:0.1"));
        assertEquals(new MultiKrum(1, 3), AggregationRules.parse("multi-krum:1:3"));
        assertEquals(new FedAvg(), AggregationRules.parse("fedavg"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("krum"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("multi-krum:1"));
    }
}

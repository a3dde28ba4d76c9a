package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.weights.ParameterSink;
import dln.core.weights.ParameterSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Chunk by chunk gives the bits of the whole-vector rule, for every rule and chunk layout. */
class ChunkedAggregationTest {

    /** n updates of dim values (with spread and a few outliers, so clipping and Krum select); samples vary. */
    static List<ModelUpdate> updates(int n, int dim, long seed) {
        Random r = new Random(seed);
        List<ModelUpdate> us = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            double scale = i == n - 1 ? 25 : 1 + i * 0.1;
            for (int j = 0; j < dim; j++) {
                v[j] = (float) (j * 1e-3 + scale * r.nextGaussian() * 0.05);
            }
            // ids out of order on purpose: both paths must sort them
            us.add(new ModelUpdate("u" + ((i * 7) % n), v, 10L + 37L * i));
        }
        return us;
    }

    static float[] reference(int dim) {
        float[] ref = new float[dim];
        for (int j = 0; j < dim; j++) {
            ref[j] = (float) (j * 1e-3);
        }
        return ref;
    }

    static float[] chunked(AggregationRule rule, List<ModelUpdate> us, float[] ref, int chunk) throws IOException {
        List<ChunkedAggregation.SourcedUpdate> sourced = new ArrayList<>();
        for (ModelUpdate u : us) {
            sourced.add(new ChunkedAggregation.SourcedUpdate(u.updateId(), ParameterSource.of(u.params()), u.samples()));
        }
        float[] out = new float[ref.length];
        new ChunkedAggregation(rule, chunk, Long.MAX_VALUE).aggregate(sourced, ParameterSource.of(ref), ParameterSink.into(out));
        return out;
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            if (Float.floatToRawIntBits(expected[j]) != Float.floatToRawIntBits(actual[j])) {
                throw new AssertionError(what + ": coordinate " + j + " is " + actual[j] + ", whole-vector gives " + expected[j]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fedavg", "median", "trimmed-mean:0.2", "median:2", "trimmed-mean:0.1:3",
            "norm-clip:3", "norm-clip:1000", "adaptive-clip:1", "adaptive-clip:3", "multi-krum:1:3", "multi-krum:2:1", "centered-clip:2:3", "centered-clip:0.05:1", "centered-clip:0.5:2:2", "multi-krum:0:1:2", "fednova:32", "fednova:1"})
    void chunkedIsTheWholeVectorRuleBitForBit(String spec) throws IOException {
        AggregationRule rule = AggregationRules.parse(spec);
        // dimensions: a whole number of lanes, a tail shorter than a lane, and one chunk or fewer
        for (int dim : new int[]{2048, 2048 + 77, 300, 5}) {
            List<ModelUpdate> us = updates(8, dim, dim);
            float[] ref = reference(dim);
            float[] whole = rule.aggregate(AggregationInput.of(us, ref));
            for (int chunk : new int[]{256, 512, 768, 4096}) {
                assertSameBits(whole, chunked(rule, us, ref, chunk), spec + " dim " + dim + " chunk " + chunk);
            }
        }
    }

    @Test
    void distanceRulesStreamAndBucketsAroundThemDoNot() {
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("fedavg")));
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("fednova:32")));
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("median:2")));
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("norm-clip:1")));
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("multi-krum:1:3")));
        assertFalse(ChunkedAggregation.streams(AggregationRules.parse("multi-krum:1:3:2")));
        assertTrue(ChunkedAggregation.streams(AggregationRules.parse("centered-clip:1:3")));
        assertFalse(ChunkedAggregation.streams(AggregationRules.parse("centered-clip:1:3:2")));
    }

    @Test
    void rulesBeyondTheBudgetAreRefusedByName() throws IOException {
        List<ModelUpdate> us = updates(5, 1000, 1);
        List<ChunkedAggregation.SourcedUpdate> sourced = new ArrayList<>();
        for (ModelUpdate u : us) {
            sourced.add(new ChunkedAggregation.SourcedUpdate(u.updateId(), ParameterSource.of(u.params()), u.samples()));
        }
        // bucketing around multi-krum: 5 updates + result = 6 whole vectors of 4,000 bytes, 24,000 bytes
        ChunkedAggregation buckets = new ChunkedAggregation(AggregationRules.parse("multi-krum:0:1:2"), 256, 23_999);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buckets.aggregate(sourced, null, ParameterSink.into(new float[1000])));
        assertTrue(e.getMessage().startsWith("bucketing(s=2,multi-krum(f=0,m=1)) is not computed chunk by chunk"), e.getMessage());
        float[] out = new float[1000];
        new ChunkedAggregation(AggregationRules.parse("multi-krum:0:1:2"), 256, 24_000).aggregate(sourced, null, ParameterSink.into(out));
        assertSameBits(AggregationRules.parse("multi-krum:0:1:2").aggregate(AggregationInput.of(us)), out, "within the budget");
        // centered clipping: its centre of 1,000 doubles, 8,000 bytes
        ChunkedAggregation clip = new ChunkedAggregation(AggregationRules.parse("centered-clip:1:3"), 256, 7_999);
        e = assertThrows(IllegalArgumentException.class,
                () -> clip.aggregate(sourced, ParameterSource.of(reference(1000)), ParameterSink.into(new float[1000])));
        assertTrue(e.getMessage().startsWith("centered-clip(tau=1.0,iterations=3) keeps its centre whole in memory"), e.getMessage());
    }

    @Test
    void inputsAreCheckedAsAggregationInputChecksThem() {
        float[] a = reference(600);
        ChunkedAggregation driver = new ChunkedAggregation(new FedAvg(), 256, Long.MAX_VALUE);
        ParameterSink sink = ParameterSink.into(new float[600]);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> driver.aggregate(List.of(
                new ChunkedAggregation.SourcedUpdate("x", ParameterSource.of(a), 1),
                new ChunkedAggregation.SourcedUpdate("x", ParameterSource.of(a), 1)), null, sink));
        assertTrue(dup.getMessage().contains("duplicate update id x"), dup.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> driver.aggregate(List.of(
                new ChunkedAggregation.SourcedUpdate("x", ParameterSource.of(a), 1),
                new ChunkedAggregation.SourcedUpdate("y", ParameterSource.of(new float[599]), 1)), null, sink));
        assertTrue(len.getMessage().contains("599"), len.getMessage());
        float[] bad = a.clone();
        bad[513] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> driver.aggregate(List.of(
                new ChunkedAggregation.SourcedUpdate("x", ParameterSource.of(bad), 1)), null, sink));
        assertTrue(nan.getMessage().contains("non-finite"), nan.getMessage());
        IllegalArgumentException noRef = assertThrows(IllegalArgumentException.class, () -> new ChunkedAggregation(
                new NormClippedFedAvg(1), 256, Long.MAX_VALUE).aggregate(List.of(
                new ChunkedAggregation.SourcedUpdate("x", ParameterSource.of(a), 1)), null, sink));
        assertTrue(noRef.getMessage().contains("reference"), noRef.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChunkedAggregation(new FedAvg(), 300, 0));
    }

    @ParameterizedTest(name = "{0} coordinates")
    @CsvSource({"256", "1000", "1024"})
    void streamedDistanceLanesGiveTheWholeDistance(int dim) {
        float[] a = updates(1, dim, 3).get(0).params();
        float[] b = reference(dim);
        DistanceLanes lanes = new DistanceLanes();
        for (int from = 0; from < dim; from += 256) {
            float[] x = java.util.Arrays.copyOfRange(a, from, Math.min(dim, from + 256));
            float[] y = java.util.Arrays.copyOfRange(b, from, Math.min(dim, from + 256));
            lanes.add(x, y, 0, x.length);
        }
        assertEquals(Double.doubleToRawLongBits(VectorMath.squaredDistance(a, b)), Double.doubleToRawLongBits(lanes.sum()));
    }
}

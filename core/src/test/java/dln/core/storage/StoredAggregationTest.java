package dln.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.core.aggregation.ModelUpdate;
import dln.core.weights.ParameterSource;
import dln.core.weights.WeightFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StoredAggregationTest {
    static final String HASH = "ab".repeat(32);
    static final int DIM = 300_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fedavg", "median", "norm-clip:2", "multi-krum:1:2", "centered-clip:1:2"})
    void storedUpdatesAggregateToTheWholeVectorRulesResult(String spec, @TempDir Path dir) throws IOException {
        WeightStore store = new WeightStore(new MemoryStore(), 0);
        Random r = new Random(5);
        float[] ref = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            ref[j] = (float) r.nextGaussian();
        }
        List<ModelUpdate> whole = new ArrayList<>();
        List<StoredAggregation.StoredUpdate> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] v = ref.clone();
            for (int j = 0; j < DIM; j++) {
                v[j] += (float) (r.nextGaussian() * 0.01 * (i + 1));
            }
            whole.add(new ModelUpdate("u" + (4 - i), v, 10 + i));
            stored.add(new StoredAggregation.StoredUpdate("u" + (4 - i), store.putWeights(HASH, v), 10 + i));
        }
        AggregationRule rule = AggregationRules.parse(spec);
        float[] expected = rule.aggregate(AggregationInput.of(whole, ref));
        Path work = dir.resolve("work");
        StoredAggregation.Aggregate a = new StoredAggregation(store, work)
                .aggregate(rule, stored, ParameterSource.of(ref), HASH, DIM, dir.resolve("aggregate.dlnw"));
        assertEquals(WeightStore.cidOf(HASH, expected), a.cid());
        assertArrayEquals(expected, store.getWeights(store.putWeightsFile(a.file(), HASH, DIM, dln.ipfs.TransferListener.NONE), HASH, DIM));
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "fetched updates are deleted");
        }
    }

    @Test
    void anUpdateOfAnotherArchitectureIsRefused(@TempDir Path dir) throws IOException {
        WeightStore store = new WeightStore(new MemoryStore(), 0);
        String cid = store.putWeights("cd".repeat(32), new float[10]);
        assertThrows(WeightFormatException.class, () -> new StoredAggregation(store, dir).aggregate(AggregationRules.parse("fedavg"),
                List.of(new StoredAggregation.StoredUpdate("u", cid, 1)), null, HASH, 10, dir.resolve("a")));
    }
}

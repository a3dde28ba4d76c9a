package dln.bench.flower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.core.data.Dataset;
import dln.core.data.Partitions;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionData;
import dln.session.demo.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlowerExportTest {

    @TempDir
    Path dir;

    @Test
    void eachProviderGetsExactlyThePartitionDlnTrainsOnInTheProvidersOrder() throws Exception {
        final SessionConfig config = config("--providers", "4", "--alpha", "0.5", "--seed", "11", "--rounds", "3");
        final Dataset train = digits(300, 1);
        // The partitioner and seed of SessionData.load: the split dln's providers train on.
        final List<Dataset> parts = Partitions.apply(train, Partitions.parse(config.partition()), config.providers(), config.seed());
        final SessionData data = new SessionData(parts, train, digits(40, 2), digits(60, 3));
        final ModelSpec spec = LearningSession.spec(config, data);

        FlowerExport.write(dir, config, data, spec, 2);

        for (int i = 0; i < parts.size(); i++) {
            final Dataset back = FlowerExport.read(dir, FlowerExport.partition(i), train.numFeatures(), train.numClasses());
            assertArrayEquals(parts.get(i).features(), back.features(), "provider " + i + "'s examples");
            assertArrayEquals(parts.get(i).labels(), back.labels(), "provider " + i + "'s labels");
        }
        // Dirichlet(0.5) deals unequal shares: a mix-up of providers would show.
        assertNotEquals(parts.get(0).size(), parts.get(1).size());
        final Dataset test = FlowerExport.read(dir, FlowerExport.test(), train.numFeatures(), train.numClasses());
        assertArrayEquals(data.test().features(), test.features());
        assertArrayEquals(data.test().labels(), test.labels());
    }

    @Test
    void settingsCarryTheRecipeTheInitialWeightsAndDlnsAggregationWeights() throws Exception {
        final SessionConfig config = config("--providers", "4", "--seed", "5", "--rounds", "4");
        final Dataset train = digits(400, 4);
        final List<Dataset> parts = Partitions.apply(train, Partitions.parse(config.partition()), config.providers(), config.seed());
        final SessionData data = new SessionData(parts, train, digits(40, 5), digits(50, 6));
        final ModelSpec spec = LearningSession.spec(config, data);

        FlowerExport.write(dir, config, data, spec, 3);

        final JsonObject s = JsonParser.parseString(Files.readString(dir.resolve(FlowerExport.SETTINGS))).getAsJsonObject();
        assertEquals(4, s.get("providers").getAsInt());
        assertEquals(4, s.get("rounds").getAsInt());
        assertEquals(1, s.get("epochs").getAsInt());
        assertEquals(32, s.get("batch").getAsInt());
        assertEquals(1e-3, s.get("lr").getAsDouble(), 1e-12);
        assertEquals(3, s.get("threads").getAsInt());
        // The demo's median-capped weighting: each claim capped at the lower median of the four
        // (AggregationWeights scales them to integers; FedAvg only uses their proportions).
        final long[] sizes = parts.stream().mapToLong(Dataset::size).sorted().toArray();
        final long first = Math.min(parts.get(0).size(), sizes[1]);
        final double scale = s.getAsJsonArray("weights").get(0).getAsDouble() / first;
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(Math.min(parts.get(i).size(), sizes[1]) * scale, s.getAsJsonArray("weights").get(i).getAsDouble(), 1e-3 * scale,
                    "provider " + i);
        }
        assertNotEquals(sizes[0], sizes[3], "unequal shares, so the cap matters");
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(FlowerExport.PARAMS))).order(ByteOrder.LITTLE_ENDIAN);
        final float[] params = new float[b.remaining() / 4];
        b.asFloatBuffer().get(params);
        assertArrayEquals(ParameterInit.initialise(ArchitecturePlan.of(spec.architecture()), spec.seed()), params);
    }

    @Test
    void refusesWhatFlowersSideWouldNotReproduce() {
        assertThrows(IllegalArgumentException.class, () -> FlowerSide.check(config("--malicious", "1")));
        assertThrows(IllegalArgumentException.class, () -> FlowerSide.check(config("--rule", "median")));
        assertThrows(IllegalArgumentException.class, () -> FlowerSide.check(config("--optimiser", "fedavgm")));
        assertThrows(IllegalArgumentException.class, () -> FlowerSide.check(config("--rounds", "0", "--gossip-steps", "1")));
        FlowerSide.check(config());
    }

    private static SessionConfig config(final String... args) {
        return CommandLine.populateCommand(new SessionOptions(), args).config();
    }

    /** {@code n} random 8-feature examples of 10 classes. */
    private static Dataset digits(final int n, final long seed) {
        final Random r = new Random(seed);
        final float[] x = new float[n * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        final int[] y = new int[n];
        Arrays.setAll(y, i -> r.nextInt(10));
        return new Dataset(x, y, 8, 10);
    }
}

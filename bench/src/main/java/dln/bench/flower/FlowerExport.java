package dln.bench.flower;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.bench.engine.TorchFiles;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.api.UpdateStatus;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.protocol.AggregationWeights;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Flower's side of the comparison is given, written to a folder flower_session.py reads:
 * the session's settings, the architecture, the initial weights the publisher starts from, each
 * provider's partition (the very {@link SessionData} dln's providers train on, in their order)
 * and the test set. Little-endian float32 features and int32 labels, one file pair per set.
 */
public final class FlowerExport {

    /** The settings file: architecture, sizes, recipe, threads and the aggregation weights. */
    public static final String SETTINGS = "session.json";
    /** The initial flat parameter vector, dln's layout (docs/formats.md). */
    public static final String PARAMS = "params.f32";

    private FlowerExport() {
    }

    /** The base name of provider {@code i}'s partition (0-based, the providers' order). */
    public static String partition(final int i) {
        return "part-" + i;
    }

    /** The base name of the test set. */
    public static String test() {
        return "test";
    }

    /**
     * Writes the session of {@code config} on {@code data} into {@code dir}.
     *
     * @param spec the model as published ({@code LearningSession.spec})
     * @param threads native threads per client, dln's training thread count
     */
    public static void write(final Path dir, final SessionConfig config, final SessionData data, final ModelSpec spec, final int threads)
            throws IOException {
        final ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        final List<Dataset> parts = data.partitions();
        final JsonObject s = new JsonObject();
        s.add("spec", JsonParser.parseString(dln.core.model.SpecJson.canonical(plan.spec())));
        s.addProperty("features", data.union().numFeatures());
        s.addProperty("providers", parts.size());
        s.addProperty("rounds", config.rounds());
        s.addProperty("epochs", spec.training().localEpochs());
        s.addProperty("batch", spec.training().batchSize());
        s.addProperty("lr", spec.training().learningRate());
        s.addProperty("optimizer", spec.training().optimizer());
        s.addProperty("threads", threads);
        s.addProperty("cpus", threads);
        s.addProperty("seed", config.seed());
        final JsonArray w = new JsonArray();
        for (long x : weights(config.learning().weighting(), parts)) {
            w.add(x);
        }
        s.add("weights", w);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SETTINGS), new Gson().toJson(s));
        // The publisher's starting point when no weights are given (PublisherWorkflow).
        TorchFiles.floats(dir.resolve(PARAMS), ParameterInit.initialise(plan, spec.seed()));
        for (int i = 0; i < parts.size(); i++) {
            TorchFiles.dataset(dir, partition(i), parts.get(i));
        }
        TorchFiles.dataset(dir, test(), data.test());
    }

    /**
     * The weight dln's aggregation gives each provider's update when all of them are accepted
     * (AggregationWeights under the session's weighting, each update claiming its partition's
     * size): Flower's FedAvg averages with these instead of the raw example counts.
     */
    static long[] weights(final ModelView.Weighting weighting, final List<Dataset> parts) {
        final List<UpdateView> updates = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            updates.add(new UpdateView("u" + i, "m", new LedgerIdentity("Provider" + i + "MSP", "provider" + i), "cid" + i, List.of(), 1,
                    parts.get(i).size(), 0, UpdateStatus.ACCEPTED, null, null, null, null, null));
        }
        return AggregationWeights.of(weighting, updates);
    }

    /** Reads back a set written by {@link #write}: for checks. */
    public static Dataset read(final Path dir, final String name, final int numFeatures, final int numClasses) throws IOException {
        final ByteBuffer x = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + "-x.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer y = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + "-y.i32"))).order(ByteOrder.LITTLE_ENDIAN);
        final float[] f = new float[x.remaining() / 4];
        x.asFloatBuffer().get(f);
        final int[] l = new int[y.remaining() / 4];
        y.asIntBuffer().get(l);
        return new Dataset(f, l, numFeatures, numClasses);
    }
}

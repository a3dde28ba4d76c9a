package dln.bench.learning;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dln.bench.engine.TorchFiles;
import dln.bench.engine.TorchRunner;
import dln.core.data.DataCache;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.model.SpecJson;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a mainstream framework reaches on a plan entry's exact data: plain FedAvg and centralised
 * training in PyTorch (torch_fedavg.py, in the venv of {@code ./dln bench engine --with-pytorch}),
 * from dln's initial weights, on the partitions, test set and recipe (optimiser Adam, learning
 * rate, batch, local epochs) dln's session used; the centralised run with the built-in recipe, as dln's baseline. No ledger, no committee, no weighting policy:
 * the yardstick issue 13's "plain FedAvg in a mainstream framework" asks for. Optional; never run
 * by tests.
 */
final class PytorchReference {
    private final Path python;
    private final Path scripts;

    /**
     * PyTorch's test accuracy after its last FedAvg round and after its last centralised epoch, and
     * the seconds both runs took on one thread (each round's test evaluation included, as in dln's
     * entry).
     */
    record Figures(double federated, double centralised, double seconds) {
    }

    private PytorchReference(final Path python, final Path scripts) {
        this.python = python;
        this.scripts = scripts;
    }

    /** The venv (created on first use) and the two scripts in one folder, so the FedAvg script imports the engine bench's model builder. */
    static PytorchReference prepare() throws IOException, InterruptedException {
        final Path python = TorchRunner.python(DataCache.fromEnvironment().dir());
        final Path scripts = Files.createTempDirectory("dln-torch-fedavg");
        scripts.toFile().deleteOnExit();
        copy("/dln/bench/engine/torch_engine.py", scripts.resolve("torch_engine.py"));
        copy("/dln/bench/learning/torch_fedavg.py", scripts.resolve("torch_fedavg.py"));
        return new PytorchReference(python, scripts);
    }

    /** Whether the reference means something for {@code e}: a federated, attack-free entry on MNIST without a DP budget. */
    static boolean applies(final PlanEntry e) {
        return "federated".equals(e.mode()) && e.maliciousCount() == 0 && dln.core.data.NamedDatasets.MNIST.equals(e.dataset())
                && e.learning().privacy() == null;
    }

    /** Runs FedAvg and the centralised baseline on {@code e}'s data; IllegalStateException when the Python side fails. */
    Figures run(final PlanEntry e) throws IOException, InterruptedException {
        final SessionData data = SessionData.load(e.session());
        final ModelSpec spec = LearningSession.spec(e.session(), data);
        // The centralised baseline keeps the built-in recipe, as dln's does.
        final ModelSpec central = LearningSession.spec(e.session().withClient(null), data);
        final ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        final Path dir = Files.createTempDirectory("dln-torch-fedavg-data");
        try {
            Files.writeString(dir.resolve("spec.json"), SpecJson.canonical(plan.spec()));
            TorchFiles.floats(dir.resolve("params.f32"), ParameterInit.initialise(plan, spec.seed()));
            for (int i = 0; i < data.partitions().size(); i++) {
                TorchFiles.dataset(dir, "part" + i, data.partitions().get(i));
            }
            TorchFiles.dataset(dir, "test", data.test());
            final List<String> cmd = List.of(python.toString(), scripts.resolve("torch_fedavg.py").toString(), "--dir", dir.toString(),
                    "--providers", Integer.toString(e.providers()), "--features", Integer.toString(data.test().numFeatures()),
                    "--rounds", Integer.toString(e.steps()), "--epochs", Integer.toString(e.epochs()),
                    "--lr", Double.toString(spec.training().learningRate()), "--batch", Integer.toString(spec.training().batchSize()),
                    "--central-lr", Double.toString(central.training().learningRate()),
                    "--central-batch", Integer.toString(central.training().batchSize()), "--seed", Long.toString(e.seed()));
            final ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", "1");
            // No __pycache__ beside the scripts: their folder is removed on exit.
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            final Process p = pb.start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the PyTorch reference failed: " + out);
            }
            final String json = out.substring(out.lastIndexOf('\n') + 1);
            return figures(json);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The figures in the script's last line of output (JSON); IllegalStateException naming what is missing. */
    static Figures figures(final String json) {
        final JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the PyTorch output is not a JSON object: " + json, e);
        }
        return new Figures(last(o, "federated", json), last(o, "centralised", json), number(o, "seconds", json));
    }

    private static double last(final JsonObject o, final String key, final String json) {
        if (!(o.get(key) instanceof JsonArray a) || a.isEmpty()) {
            throw new IllegalStateException("no " + key + " in the PyTorch output: " + json);
        }
        return a.get(a.size() - 1).getAsDouble();
    }

    private static double number(final JsonObject o, final String key, final String json) {
        if (!(o.get(key) instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new IllegalStateException("no " + key + " in the PyTorch output: " + json);
        }
        return p.getAsDouble();
    }

    private static void copy(final String resource, final Path to) throws IOException {
        try (InputStream in = PytorchReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Files.write(to, in.readAllBytes());
        }
        to.toFile().deleteOnExit();
    }
}

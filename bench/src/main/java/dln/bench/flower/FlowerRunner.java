package dln.bench.flower;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.bench.engine.TorchRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flower's simulation (the Ray backend of {@code flwr.simulation.run_simulation}) on a session
 * {@link FlowerExport} wrote: installs the pinned Flower into the PyTorch venv of the cache on
 * first use (never needed by tests) and runs flower_session.py.
 */
final class FlowerRunner {
    /** Pinned: Flower and the Ray release its simulation engine was measured with. */
    static final List<String> PACKAGES = List.of("flwr[simulation]==1.42.0", "ray==2.55.1");
    private static final String CHECK = "import flwr, ray; assert flwr.__version__ == '1.42.0' and ray.__version__ == '2.55.1'";

    /**
     * One Flower round: seconds from sending the model to the aggregate, the aggregate's test
     * accuracy, and how many clients answered (fewer than the providers: the round is no match).
     */
    record Round(int round, double seconds, double accuracy, int clients) {
    }

    /** The run: versions, the engine used, its whole wall time (Ray's start included) and the rounds. */
    record Result(String flwr, String torch, String backend, double totalSeconds, List<Round> rounds) {
    }

    private FlowerRunner() {
    }

    /** The venv's python with torch and the pinned Flower, installed when missing. */
    static Path prepare(final Path dataDir) throws IOException, InterruptedException {
        final Path python = TorchRunner.python(dataDir);
        if (run(List.of(python.toString(), "-c", CHECK), false) != 0) {
            System.out.println("installing " + String.join(" ", PACKAGES) + " into " + TorchRunner.venv(dataDir) + " (once)");
            final List<String> pip = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "--quiet"));
            pip.addAll(PACKAGES);
            if (run(pip, true) != 0 || run(List.of(python.toString(), "-c", CHECK), false) != 0) {
                throw new IllegalStateException("pip could not install " + PACKAGES + " into " + TorchRunner.venv(dataDir)
                        + "; check PyPI is reachable");
            }
        }
        return python;
    }

    /**
     * Runs the exported session in {@code dir}; Flower's log goes to {@code log}.
     *
     * @param threads native threads (OMP_NUM_THREADS), as the export says
     */
    static Result run(final Path python, final Path dir, final int threads, final Path log) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("torch_engine.py"), TorchRunner.engineScript());
        try (InputStream in = FlowerRunner.class.getResourceAsStream("flower_session.py")) {
            Files.write(dir.resolve("flower_session.py"), in.readAllBytes());
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        final ProcessBuilder pb = new ProcessBuilder(python.toString(), dir.resolve("flower_session.py").toString())
                .redirectError(log.toFile());
        pb.environment().put("DLN_FLOWER_DIR", dir.toString());
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        // Flower's PyTorch runs with its own default wait policy, as its users run it, not dln's
        // OMP_WAIT_POLICY=PASSIVE from the launcher (which slowed PyTorch's two-thread MLP training
        // 3x in the engine bench; docs/performance.md, "Seventh round").
        pb.environment().remove("OMP_WAIT_POLICY");
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("Flower's simulation failed (exit " + p.exitValue() + "); its log: " + log);
        }
        return parse(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** The script's last line. */
    static Result parse(final String json) {
        final JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        final List<Round> rounds = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("rounds")) {
            final JsonObject r = e.getAsJsonObject();
            rounds.add(new Round(r.get("round").getAsInt(), r.get("seconds").getAsDouble(), r.get("accuracy").getAsDouble(),
                    r.get("clients").getAsInt()));
        }
        return new Result(o.get("flwr").getAsString(), o.get("torch").getAsString(), o.get("backend").getAsString(),
                o.get("total_seconds").getAsDouble(), List.copyOf(rounds));
    }

    private static int run(final List<String> cmd, final boolean inherit) throws IOException, InterruptedException {
        final ProcessBuilder pb = new ProcessBuilder(cmd);
        if (inherit) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start().waitFor();
    }
}

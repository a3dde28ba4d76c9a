package dln.bench.engine;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.SpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch CPU in a venv of its own under the cache ({@code ~/.cache/dln/pytorch}), created on first
 * use: torch from the CPU-only wheel index when it answers, else from PyPI (which also brings the
 * CUDA libraries, ~5 GB). Runs torch_engine.py on files this class writes: never needed by tests.
 * Other benches that compare with a PyTorch tool (`bench session --with-flower`) use the same venv.
 */
public final class TorchRunner {
    private static final String CPU_INDEX = "https://download.pytorch.org/whl/cpu";
    private static final long MIN_FREE_BYTES = 8L << 30;
    private final Path python;
    private final Path script;

    /** PyTorch's examples per second. */
    record Result(double trainPerSecond, double evalPerSecond, String json) {
    }

    private TorchRunner(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The venv beside the data folder of the cache ({@code <cache>/data}). */
    public static Path venv(Path dataDir) {
        return dataDir.toAbsolutePath().getParent().resolve("pytorch");
    }

    /** The venv, created and torch installed when missing. */
    static TorchRunner prepare(Path dataDir) throws IOException, InterruptedException {
        Path python = python(dataDir);
        Path script = Files.createTempFile("dln-torch-engine", ".py");
        Files.writeString(script, engineScript());
        script.toFile().deleteOnExit();
        return new TorchRunner(python, script);
    }

    /** The venv's python with torch and numpy (the learning and session benches' references run on it too), installed when missing. */
    public static Path python(Path dataDir) throws IOException, InterruptedException {
        Path venv = venv(dataDir);
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(python) || run(List.of(python.toString(), "-c", "import torch, numpy"), false) != 0) {
            install(venv, python);
        }
        return python;
    }

    /** The script shared by the benches that run PyTorch: its layer conversion from dln's flat layout. */
    public static String engineScript() throws IOException {
        try (InputStream in = TorchRunner.class.getResourceAsStream("torch_engine.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void install(Path venv, Path python) throws IOException, InterruptedException {
        Files.createDirectories(venv.getParent());
        long free = Files.getFileStore(venv.getParent()).getUsableSpace();
        if (free < MIN_FREE_BYTES) {
            throw new IllegalStateException("installing torch needs ~8 GB free under " + venv.getParent() + "; "
                    + (free >> 30) + " GB free");
        }
        System.out.println("creating " + venv + " with torch (once; a few minutes)");
        if (run(List.of("python3", "-m", "venv", venv.toString()), true) != 0) {
            throw new IllegalStateException("python3 -m venv failed: install python3 with venv");
        }
        List<String> pip = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "--quiet", "torch", "numpy"));
        if (reachable(CPU_INDEX + "/torch/")) {
            pip.addAll(List.of("--index-url", CPU_INDEX, "--extra-index-url", "https://pypi.org/simple"));
        } else {
            System.out.println("the CPU-only wheel index does not answer: torch from PyPI (with its CUDA libraries)");
        }
        if (run(pip, true) != 0) {
            throw new IllegalStateException("pip could not install torch into " + venv + "; check PyPI is reachable");
        }
    }

    private static boolean reachable(String url) {
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(List<String> cmd, boolean inherit) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (inherit) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start().waitFor();
    }

    /**
     * Trains one pass over {@code train} in its order and evaluates on {@code test} ({@code
     * evalPasses} passes timed together), as dln's engine did.
     */
    Result run(ArchitecturePlan plan, float[] init, Dataset train, Dataset test, int threads, int batch, int evalBatch,
               int evalPasses, double lr, int warmup, int repeats) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dln-torch-engine");
        try {
            Files.writeString(dir.resolve("spec.json"), SpecJson.canonical(plan.spec()));
            TorchFiles.floats(dir.resolve("params.f32"), init);
            TorchFiles.dataset(dir, "train", train);
            TorchFiles.dataset(dir, "test", test);
            List<String> cmd = List.of(python.toString(), script.toString(),
                    "--spec", dir.resolve("spec.json").toString(), "--params", dir.resolve("params.f32").toString(),
                    "--train-x", dir.resolve("train-x.f32").toString(), "--train-y", dir.resolve("train-y.i32").toString(),
                    "--test-x", dir.resolve("test-x.f32").toString(), "--test-y", dir.resolve("test-y.i32").toString(),
                    "--features", Integer.toString(train.numFeatures()), "--threads", Integer.toString(threads),
                    "--batch", Integer.toString(batch), "--eval-batch", Integer.toString(evalBatch),
                    "--eval-passes", Integer.toString(evalPasses),
                    "--lr", Double.toString(lr), "--warmup", Integer.toString(warmup),
                    "--repeats", Integer.toString(repeats));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            // PyTorch runs with its own default wait policy, as its users run it: the launcher's
            // OMP_WAIT_POLICY=PASSIVE is dln's setting, and PyTorch inherited it until 2026-12-04,
            // which made its two-thread MLP training 3x slower (16,065 against 47-52k examples/s).
            pb.environment().remove("OMP_WAIT_POLICY");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the PyTorch run failed: " + out);
            }
            String json = out.substring(out.lastIndexOf('\n') + 1);
            return new Result(number(json, "train_eps"), number(json, "eval_eps"), json);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in the PyTorch output: " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}

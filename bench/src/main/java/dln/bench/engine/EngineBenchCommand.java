package dln.bench.engine;

import dln.core.training.NativeThreads;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `./dln bench engine`: the training engine's throughput, beside SameDiff and (optionally) PyTorch. */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Training and evaluation examples/s of dln's engine for the MLP and LeNet, beside the SameDiff graph",
                "it replaced and, with --with-pytorch, PyTorch CPU on the same data, batch and threads (target: >= 1.0x).",
                "Reads the MNIST cache that ./dln setup fills; no network."},
        footer = {"", "Examples:", "  ./dln bench engine", "  ./dln bench engine --with-pytorch",
                "  ./dln bench engine --models mlp --threads 1 --train 4000"})
public final class EngineBenchCommand implements Callable<Integer> {

    @Option(names = "--models", split = ",", defaultValue = "mlp,lenet", description = "built-in models (default ${DEFAULT-VALUE})")
    List<String> models;
    @Option(names = "--train", defaultValue = "8000", description = "training examples, one pass (default ${DEFAULT-VALUE})")
    int train;
    @Option(names = "--reference-train", defaultValue = "2000", description = "training examples for the slower SameDiff reference (default ${DEFAULT-VALUE})")
    int referenceTrain;
    @Option(names = "--threads", description = "native threads, for dln and PyTorch (default: OMP_NUM_THREADS, else the cores available)")
    Integer threads;
    @Option(names = "--batch", defaultValue = "32", description = "training mini-batch (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--repeats", defaultValue = "3", description = "timed runs of each engine and phase; the best is shown, as the machine may be shared (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--eval-passes", defaultValue = "1", description = "passes over the 2,000 test examples timed together as one evaluation, "
            + "for every engine (default ${DEFAULT-VALUE}; one MLP pass takes a few ms: more give the steady rate on a quiet machine)")
    int evalPasses;
    @Option(names = "--with-pytorch", description = "also run PyTorch CPU; creates a venv with torch under the cache on first use (~5 GB)")
    boolean withPytorch;
    @Option(names = "--data", description = "the cache folder (default: the one ./dln setup fills)")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (train < 1 || referenceTrain < 1 || batch < 1 || repeats < 1 || evalPasses < 1 || threads != null && threads < 1) {
            throw new IllegalArgumentException("--train, --reference-train, --batch, --repeats, --eval-passes and --threads must be at least 1");
        }
        int t = threads != null ? threads : NativeThreads.fromEnvironment();
        return EngineBench.run(new EngineBench.Options(models, train, referenceTrain, t, batch, repeats, evalPasses, withPytorch, data));
    }
}

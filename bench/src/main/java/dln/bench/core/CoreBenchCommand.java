package dln.bench.core;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `./dln bench core`: the learning-core benchmarks, offline. */
@Command(name = "core", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Training, evaluation and aggregation throughput; FedAvg vs centralised (no network).",
                "The aggregation table needs nothing; the others read the MNIST cache that ./dln setup fills."},
        footer = {"", "Examples:", "  ./dln bench core", "  ./dln bench core --full", "  ./dln bench core --skip throughput,federated"})
public final class CoreBenchCommand implements Callable<Integer> {

    @Option(names = "--full", description = "LeNet beside the MLP, and 10 rounds (unless --models or --rounds say otherwise)")
    boolean full;
    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "built-in models of the FedAvg table (default: mlp; with --full: mlp,lenet)")
    List<String> models;
    @Option(names = "--rounds", description = "FedAvg rounds, and centralised epochs (default: 5; with --full: 10)")
    Integer rounds;
    @Option(names = "--providers", split = ",", defaultValue = "4,8,16", description = "provider counts (default ${DEFAULT-VALUE})")
    int[] providers;
    @Option(names = "--partitions", split = ",", defaultValue = "iid,dirichlet:0.5", description = "partitions of the training set (default ${DEFAULT-VALUE})")
    List<String> partitions;
    @Option(names = "--train", defaultValue = "8000", description = "training examples (default ${DEFAULT-VALUE})")
    int train;
    @Option(names = "--skip", split = ",", paramLabel = "TABLE", defaultValue = "", description = "tables to skip: aggregation, throughput, federated")
    List<String> skip;
    @Option(names = "--data", description = "the MNIST cache folder (default: the one ./dln setup fills)")
    Path data;
    @Option(names = "--optimizer", description = "adam, sgd or nesterovs (default: the model's)")
    String optimizer;
    @Option(names = "--lr", description = "learning rate (default: the model's)")
    double lr;
    @Option(names = "--batch", description = "mini-batch size (default: the model's)")
    int batch;
    @Option(names = "--rule", defaultValue = "fedavg", description = "aggregation rule of the FedAvg table (default ${DEFAULT-VALUE})")
    String rule;

    @Override
    public Integer call() throws Exception {
        final List<String> m = models != null ? models : full ? List.of("mlp", "lenet") : List.of("mlp");
        final int r = rounds != null ? rounds : full ? 10 : 5;
        CoreBench.run(new CoreBench.Options(m, r, providers, partitions, train, skip.stream().filter(s -> !s.isBlank()).toList(), data,
                optimizer, lr, batch, rule));
        return 0;
    }
}

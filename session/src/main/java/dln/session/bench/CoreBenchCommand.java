package dln.session.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Learning-core benchmarks (training/evaluation throughput, aggregation, FedAvg vs centralised): dln.core.bench.CoreBench. */
@Command(name = "core", mixinStandardHelpOptions = true, description = "Training, evaluation and aggregation throughput; FedAvg vs centralised (no network).",
        footer = {"", "Example:", "  ./dln bench core"})
public final class CoreBenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "arguments passed to CoreBench (see its --help)")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        dln.core.bench.CoreBench.main(args.toArray(String[]::new));
        return 0;
    }
}

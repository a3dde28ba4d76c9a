package dln.core.bench;

import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Mnist;
import dln.core.data.Splits;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;
import dln.core.training.Batches;
import dln.core.training.NativeThreads;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmarks of the learning core, printed as tables (not tests).
 *
 * <pre>
 * java -cp core.jar:deps dln.core.bench.CoreBench [--full] [--models mlp,lenet] [--rounds N]
 *      [--providers 4,8,16] [--partitions iid,dirichlet:0.5] [--train N] [--skip throughput,aggregation,federated]
 *      [--data DIR] [--optimizer adam|sgd|nesterovs] [--lr X] [--batch N]
 *      [--rule fedavg|median|trimmed-mean:B|...]
 * </pre>
 *
 * Defaults run in a few minutes on 2 cores (MLP, 5 rounds, 8,000/2,000 split); {@code --full}
 * adds LeNet and 10 rounds.
 */
public final class CoreBench {
    private CoreBench() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        NativeThreads.pin(NativeThreads.fromEnvironment());
        System.out.printf("dln core bench: %d native thread(s), %d CPUs, java %s%n", NativeThreads.fromEnvironment(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (!o.skip.contains("aggregation")) {
            AggregationBench.run();
        }
        DataCache cache = o.data == null ? DataCache.fromEnvironment() : new DataCache(Path.of(o.data));
        if (!Mnist.isAvailable(cache)) {
            System.out.println("\nMNIST cache missing in " + cache.dir() + ": run ./dln setup; skipping learning benchmarks");
            return;
        }
        Dataset all = Mnist.load(cache);
        DataSplit split = Splits.split(all, 0.0, 0.2, 2026);
        Dataset train = split.train().subset(Batches.identity(Math.min(o.train, split.train().size())));
        Dataset test = split.test();
        if (!o.skip.contains("throughput")) {
            ThroughputBench.run(train, test, 4000, 1000, spec -> spec.withTraining(o.training(spec.training())));
        }
        if (!o.skip.contains("federated")) {
            for (String m : o.models) {
                ModelSpec spec = BuiltinModels.byName(m);
                FederatedSimulation.run(spec.withTraining(o.training(spec.training())), train, test, o.rounds,
                        o.providers, o.partitions, o.rule);
            }
        }
    }

    /** Command-line options. */
    record Options(List<String> models, int rounds, int[] providers, List<String> partitions, int train,
                   List<String> skip, String data, String optimizer, double lr, int batch, String rule) {
        /** The built-in's training settings with any overrides from the command line. */
        TrainingSpec training(TrainingSpec base) {
            return new TrainingSpec(optimizer != null ? optimizer : base.optimizer(),
                    lr > 0 ? lr : base.learningRate(), batch > 0 ? batch : base.batchSize(),
                    base.localEpochs(), base.fedProxMu());
        }

        static Options parse(String[] args) {
            List<String> models = List.of("mlp");
            int rounds = 5;
            int[] providers = {4, 8, 16};
            List<String> partitions = List.of("iid", "dirichlet:0.5");
            int train = 8000;
            List<String> skip = List.of();
            String data = null;
            String optimizer = null;
            double lr = 0;
            int batch = 0;
            String rule = "fedavg";
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--full" -> {
                        models = List.of("mlp", "lenet");
                        rounds = 10;
                    }
                    case "--models" -> models = List.of(args[++i].split(","));
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--providers" -> providers = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--partitions" -> partitions = List.of(args[++i].split(","));
                    case "--train" -> train = Integer.parseInt(args[++i]);
                    case "--skip" -> skip = List.of(args[++i].split(","));
                    case "--data" -> data = args[++i];
                    case "--optimizer" -> optimizer = args[++i];
                    case "--lr" -> lr = Double.parseDouble(args[++i]);
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--rule" -> rule = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return new Options(models, rounds, providers, partitions, train, skip, data, optimizer, lr, batch, rule);
        }
    }
}

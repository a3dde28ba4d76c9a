package dln.bench.engine;

import dln.bench.Table;
import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Mnist;
import dln.core.data.MnistSetup;
import dln.core.data.Shuffle;
import dln.core.data.Splits;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.model.SameDiffNetwork;
import dln.core.model.TrainingSpec;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.NativeThreads;
import dln.core.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;

/**
 * Trains (one pass, Adam, the model's learning rate) and evaluates each model on MNIST with dln's
 * engine and with the SameDiff graph it replaced (the "before"), after a warm-up, best of
 * {@code --repeats} runs (the machine may be shared: the best run is the least disturbed), and with
 * {@code --with-pytorch} hands the same examples, order, initial weights, batch and thread count
 * to PyTorch ({@link TorchRunner}). Prints examples/s and the ratios; dln/PyTorch is judged
 * against the target 1.0x.
 */
final class EngineBench {
    static final int EVAL_BATCH = Evaluator.BATCH;
    private static final int WARMUP = 640;
    private static final double TARGET = 1.0;

    private EngineBench() {
    }

    /** {@code evalPasses}: passes over the test set timed as one evaluation measurement. */
    record Options(List<String> models, int train, int referenceTrain, int threads, int batch, int repeats, int evalPasses, boolean withPytorch,
                   Path data) {
    }

    static int run(Options o) throws Exception {
        NativeThreads.pin(o.threads());
        System.out.printf("dln engine bench: %d native thread(s), %d CPUs available (%s), OpenBLAS kernels %s, batch %d, java %s, load average %.2f%n",
                o.threads(), Runtime.getRuntime().availableProcessors(), cpu(), blasKernels(), o.batch(), System.getProperty("java.version"), loadAverage());
        DataCache cache = o.data() == null ? DataCache.fromEnvironment() : new DataCache(o.data());
        if (!Mnist.isAvailable(cache) && !Files.isRegularFile(cache.mnistTarball())) {
            System.err.println("dln: MNIST is not in " + cache.dir() + "; run ./dln setup");
            return 1;
        }
        MnistSetup.ensure(cache);
        DataSplit split = Splits.split(Mnist.load(cache), 0.0, 0.2, 2026);
        Dataset train = split.train().subset(Batches.identity(Math.min(o.train(), split.train().size())));
        Dataset test = split.test();
        Dataset firstBatch = test.subset(Batches.identity(Math.min(EVAL_BATCH, test.size())));
        TorchRunner torch = o.withPytorch() ? TorchRunner.prepare(cache.dir()) : null;
        Table t = new Table("Engine throughput, examples/s (" + o.threads() + " thread(s), batch " + o.batch()
                + ", eval batch " + EVAL_BATCH + ", " + o.evalPasses() + " evaluation pass(es) timed together; best of " + o.repeats() + " after warm-up)",
                "model", "phase", "examples", "dln", "SameDiff", "dln/SameDiff", "PyTorch", "dln/PyTorch", "target");
        for (String name : o.models()) {
            ModelSpec spec = BuiltinModels.byName(name);
            TrainingSpec settings = new TrainingSpec(spec.training().optimizer(), spec.training().learningRate(), o.batch(), 1, 0);
            ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
            float[] init = ParameterInit.initialise(plan, spec.seed());
            Dataset warm = train.subset(Batches.identity(Math.min(WARMUP, train.size())));
            Dataset reference = train.subset(Batches.identity(Math.min(o.referenceTrain(), train.size())));

            LocalTrainer trainer = new LocalTrainer(plan);
            trainer.train(init, warm, settings, 0, TrainingListener.NONE);
            Evaluator ev = new Evaluator(plan);
            ev.evaluate(init, warm);
            sameDiffEvaluation(sameDiffTraining(plan, init, warm, settings), warm);
            double dlnTrain = 0;
            double dlnEval = 0;
            double sdTrain = 0;
            double sdEval = 0;
            double pyTrain = 0;
            double pyEval = 0;
            // The same examples in the order LocalTrainer visits them (epoch 0, seed 0).
            Dataset ordered = train.subset(Shuffle.permutation(train.size(), 0));
            for (int r = 0; r < o.repeats(); r++) {
                long t0 = System.nanoTime();
                float[] trained = trainer.train(init, train, settings, 0, TrainingListener.NONE).params();
                dlnTrain = Math.max(dlnTrain, train.size() / seconds(t0));
                // One batch with the trained weights first, as the PyTorch side does before its
                // timed evaluation; then the passes, timed together (one MLP pass is a few ms:
                // docs/performance.md, "Sixth round").
                ev.evaluate(trained, firstBatch);
                t0 = System.nanoTime();
                for (int p = 0; p < o.evalPasses(); p++) {
                    ev.evaluate(trained, test);
                }
                dlnEval = Math.max(dlnEval, (double) o.evalPasses() * test.size() / seconds(t0));
                t0 = System.nanoTime();
                SameDiffNetwork sd = sameDiffTraining(plan, init, reference, settings);
                sdTrain = Math.max(sdTrain, reference.size() / seconds(t0));
                sameDiffEvaluation(sd, firstBatch);
                t0 = System.nanoTime();
                for (int p = 0; p < o.evalPasses(); p++) {
                    sameDiffEvaluation(sd, test);
                }
                sdEval = Math.max(sdEval, (double) o.evalPasses() * test.size() / seconds(t0));
                // PyTorch's run of each repeat follows dln's, so that drift in the load of a shared
                // machine meets both alike (a separate warmed-up process per repeat).
                if (torch != null) {
                    TorchRunner.Result py = torch.run(plan, init, ordered, test, o.threads(), o.batch(), EVAL_BATCH, o.evalPasses(),
                            settings.learningRate(), WARMUP, 1);
                    pyTrain = Math.max(pyTrain, py.trainPerSecond());
                    pyEval = Math.max(pyEval, py.evalPerSecond());
                }
            }
            row(t, name, "train", train.size(), dlnTrain, sdTrain, torch == null ? Double.NaN : pyTrain);
            row(t, name, "evaluate", test.size(), dlnEval, sdEval, torch == null ? Double.NaN : pyEval);
        }
        t.print();
        System.out.printf("load average at the end: %.2f (on a shared machine, compare ratios of one run)%n", loadAverage());
        if (torch == null) {
            System.out.println("PyTorch not run: add --with-pytorch (creates " + TorchRunner.venv(cache.dir()) + " once).");
        }
        return 0;
    }

    private static void row(Table t, String model, String phase, int examples, double dln, double sd, double py) {
        boolean hasPy = !Double.isNaN(py);
        t.row(model, phase, examples, Table.f("%,.0f", dln), Table.f("%,.0f", sd), Table.f("%.2fx", dln / sd),
                hasPy ? Table.f("%,.0f", py) : "-", hasPy ? Table.f("%.2fx", dln / py) : "-",
                hasPy ? (dln / py >= TARGET ? "ok" : "MISSED") + Table.f(" (>= %.1fx)", TARGET) : "-");
    }

    /** The engine before this one: SameDiff's own fit on the graph of the same plan. */
    private static SameDiffNetwork sameDiffTraining(ArchitecturePlan plan, float[] init, Dataset data, TrainingSpec s) {
        SameDiffNetwork net = SameDiffNetwork.build(plan, init);
        net.prepareTraining();
        SameDiff sd = net.graph();
        sd.setTrainingConfig(TrainingConfig.builder().updater(LocalTrainer.updater(s))
                .dataSetFeatureMapping(SameDiffNetwork.INPUT).dataSetLabelMapping(SameDiffNetwork.LABEL).build());
        sd.fit(new ExistingDataSetIterator(Batches.of(data, Batches.identity(data.size()), s.batchSize())), 1);
        return net;
    }

    private static void sameDiffEvaluation(SameDiffNetwork net, Dataset data) {
        int[] order = Batches.identity(data.size());
        for (int s = 0; s < data.size(); s += EVAL_BATCH) {
            net.predict(Batches.features(data, order, s, Math.min(EVAL_BATCH, data.size() - s)));
        }
    }

    /**
     * The processor's model and widest vector unit, from /proc/cpuinfo. Why: the products run in
     * oneDNN's AVX-512 kernels where the CPU has them, at twice the rate of PyTorch's MKL (AVX2 on
     * AMD), so the ratios depend on the host a VM lands on (docs/performance.md, "Sixth round").
     */
    static String cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu");
            String flags = " " + lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("") + " ";
            return model + ", " + (flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : "no AVX2");
        } catch (java.io.IOException | RuntimeException e) {
            return "cpu unknown";
        }
    }

    /**
     * The OpenBLAS kernel family this process was started with: {@code ./dln} names the one the
     * CPU's instruction set supports, as OpenBLAS's own choice falls back to SSE3 kernels on CPU
     * models newer than its release (docs/performance.md, twenty-ninth session).
     */
    static String blasKernels() {
        String named = System.getenv("OPENBLAS_CORETYPE");
        return named == null || named.isBlank() ? "by CPU model" : named;
    }

    /** The system's one-minute load average: what else ran beside the bench. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

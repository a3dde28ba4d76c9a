package dln.core.training;

import dln.core.data.Dataset;
import dln.core.data.Shuffle;
import dln.core.model.ArchitecturePlan;
import dln.core.model.Network;
import dln.core.model.TrainingSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Local training: {@code localEpochs} passes over the data in seeded mini-batch order (more when
 * the recipe's {@code minLocalSteps} asks for more steps: {@link TrainingSpec#steps}), the
 * optimiser, its parameters and the learning rate schedule from the {@link TrainingSpec} (the model's
 * training recipe on the ledger), and the FedProx term when {@code fedProxMu > 0}.
 *
 * <p>The layers run on the engine {@link Network#of} chooses: a {@link dln.core.model.DirectNetwork}
 * (ND4J ops into buffers allocated once per call; no graph, no per-batch allocation) when it runs
 * the plan, which computes what the SameDiff graph of {@link dln.core.model.SameDiffNetwork}
 * computes (DirectNetworkTest) at several times its speed on the small built-in models
 * (docs/performance.md); the SameDiff graph otherwise (batch norm, dropout, residual adds,
 * embeddings, the sigmoid head). Dropout masks are drawn from {@code seed}; batch-norm running
 * statistics are stored after each optimiser step ({@link Network#finishStep}). The optimiser ({@link OptimiserStep}) applies
 * ND4J's update rules to the flat parameter vector as SameDiff's {@code fit} does to each tensor, with fresh state per call:
 * a federated update depends only on its start parameters, data, settings and seed. With a fixed
 * native thread count ({@link NativeThreads}) the result is bit-identical from run to run.
 */
public final class LocalTrainer {
    /**
     * A mini-batch whose forward pass is under this many multiply-adds trains on one native
     * thread, whatever the thread count: its ops are too small to share. Measured on the MLP
     * (6.4 M at batch 32) with two threads under the launcher's OMP_WAIT_POLICY=PASSIVE: each of a
     * batch's twenty-odd native ops wakes the sleeping second thread and waits for it, and the
     * batch trained at 43-59k examples/s against 61-70k on one thread (docs/performance.md,
     * "Seventh round"); spinning instead (ACTIVE) took the second core from the JVM. LeNet's
     * batch (tens of millions) keeps every thread: it trains 1.2-1.5x faster on two. The bits
     * then depend on the model and the batch, not on the thread count.
     */
    static final long SERIAL_BATCH_MULTIPLY_ADDS = 16_000_000L;

    private final ArchitecturePlan plan;

    /** A trainer for one architecture; safe to share between threads (each call has its own buffers). */
    public LocalTrainer(ArchitecturePlan plan) {
        this.plan = plan;
    }

    /**
     * Trains from {@code start} on {@code data}.
     *
     * @param seed     seeds the mini-batch order (epoch e uses permutation seed {@code seed + e})
     * @param listener progress callbacks
     */
    public TrainingResult train(float[] start, Dataset data, TrainingSpec settings, long seed, TrainingListener listener) {
        if (plan.multiplyAddsPerExample() * settings.batchSize() < SERIAL_BATCH_MULTIPLY_ADDS && NativeThreads.ofThisThread() > 1) {
            return NativeThreads.singleThreaded(() -> trainHere(start, data, settings, seed, listener));
        }
        return trainHere(start, data, settings, seed, listener);
    }

    private TrainingResult trainHere(float[] start, Dataset data, TrainingSpec settings, long seed, TrainingListener listener) {
        if (data.numFeatures() != plan.inputSize() || data.numClasses() != plan.numClasses()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features / " + data.numClasses()
                    + " classes; the model expects " + plan.inputSize() + " / " + plan.numClasses());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training data");
        }
        long t0 = System.nanoTime();
        Network net = Network.of(plan, start);
        net.seed(seed);
        INDArray params = net.parameters();
        INDArray grads = net.gradients();
        int p = plan.parameterArrayLength();
        int batch = settings.batchSize();
        int perEpoch = (data.size() + batch - 1) / batch;
        long total = settings.steps(data.size());
        int epochs = (int) ((total + perEpoch - 1) / perEpoch);
        OptimiserStep step = OptimiserStep.of(settings, start, total);
        double mu = settings.fedProxMu();
        INDArray anchor = mu > 0 ? params.dup() : null;
        INDArray drift = mu > 0 ? Nd4j.create(DataType.FLOAT, 1, p) : null;
        int iteration = 0;
        long examples = 0;
        double lastMean = Double.NaN;
        // Past the recipe's epochs (a floor on steps, minLocalSteps) the last pass stops at the floor, part way through its batches.
        for (int e = 0; e < epochs; e++) {
            int[] order = Shuffle.permutation(data.size(), seed + e);
            int batches = (int) Math.min(perEpoch, total - (long) e * perEpoch);
            listener.epochStarted(e, epochs, batches);
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int size = Math.min(batch, order.length - from);
                double loss = net.gradient(data, order, from, size);
                if (mu > 0) {
                    // d/dw of mu/2 ||w - anchor||^2, as the FedProx term of SameDiffNetwork's loss
                    params.sub(anchor, drift);
                    grads.addi(drift.muli(mu));
                }
                step.apply(params, grads, iteration++, e);
                net.finishStep();
                sum += loss;
                examples += size;
                listener.batchDone(e, b, batches, loss);
            }
            lastMean = sum / batches;
            listener.epochDone(e, lastMean);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        float[] trained = net.getParameters();
        for (int j = 0; j < trained.length; j++) {
            if (!Float.isFinite(trained[j])) {
                throw new IllegalStateException("training diverged: parameter " + j + " is " + trained[j]
                        + " (lower the learning rate " + settings.learningRate() + ")");
            }
        }
        return new TrainingResult(trained, examples, epochs, lastMean, ms);
    }

    /** The optimiser of {@code s}, whose schedule must be constant (the run's length is not known here). */
    public static IUpdater updater(TrainingSpec s) {
        if (!"constant".equals(s.schedule().name())) {
            throw new IllegalArgumentException("a " + s.schedule().name() + " schedule needs the run's length: use updater(spec, totalSteps)");
        }
        return updater(s, 1);
    }

    /**
     * The optimiser of {@code s} with its parameters and its step size schedule over a run of
     * {@code totalSteps} optimiser steps (shared with DP-SGD, which steps the same optimisers on its
     * private gradient).
     */
    public static IUpdater updater(TrainingSpec s, long totalSteps) {
        IUpdater u = switch (s.optimizer()) {
            case "adam" -> new Adam(s.learningRate(), s.optimizerParams().get("beta1"), s.optimizerParams().get("beta2"),
                    s.optimizerParams().get("epsilon"));
            case "sgd" -> new Sgd(s.learningRate());
            case "nesterovs" -> new Nesterovs(s.learningRate(), s.optimizerParams().get("momentum"));
            default -> throw new IllegalArgumentException("unknown optimizer " + s.optimizer());
        };
        if (!"constant".equals(s.schedule().name())) {
            u.setLrAndSchedule(s.learningRate(), new RecipeSchedule(s, totalSteps));
        }
        return u;
    }
}

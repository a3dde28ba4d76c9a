package dln.core.privacy;

import dln.api.privacy.DpSgdRun;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.SameDiffNetwork;
import dln.core.model.TrainingSpec;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Record-level differentially private local training: DP-SGD (Abadi et al. 2016) with Poisson
 * subsampling, the sampling {@link dln.api.privacy.RdpAccountant} accounts for.
 *
 * <p>Each step draws every local example independently with probability
 * {@code q = min(1, batchSize / n)}, computes the drawn examples' gradients in one pass
 * ({@link PerExampleGradients}), scales each to norm at most {@code C}, sums them, adds
 * {@code N(0, (sigma C)^2)} to every coordinate and divides by the expected batch size {@code qn}
 * (a fixed divisor: dividing by the drawn count would leak it). The model's optimiser (sgd, adam,
 * nesterovs) then steps on that private gradient; the FedProx term, which no example touches, is
 * added after the noise. {@code localEpochs * ceil(n / batchSize)} steps are run.
 *
 * <p>Both the sampling and the noise are seeded from {@code seed}, so a run is reproducible; the
 * noise is only as secret as that seed: a provider must keep its seed private (whoever knows it
 * can subtract the noise).
 */
public final class DpSgdTrainer {
    private final ArchitecturePlan plan;

    /** A trainer for one architecture. */
    public DpSgdTrainer(ArchitecturePlan plan) {
        this.plan = plan;
    }

    /** The Poisson sampling rate for {@code n} local examples. */
    public static double samplingRate(int n, TrainingSpec settings) {
        return Math.min(1.0, (double) settings.batchSize() / n);
    }

    /** Steps per run on {@code n} local examples: {@link TrainingSpec#steps}, the trainers' one count. */
    public static long steps(int n, TrainingSpec settings) {
        return settings.steps(n);
    }

    /** The mechanism a run on {@code n} examples will be: what to account before training. */
    public static DpSgdRun plannedRun(int n, TrainingSpec settings, DpSgdSettings dp) {
        return new DpSgdRun(samplingRate(n, settings), dp.noiseMultiplier(), dp.clip(), steps(n, settings));
    }

    /** Trains from {@code start} on {@code data} with DP-SGD. */
    public DpSgdResult train(float[] start, Dataset data, TrainingSpec settings, DpSgdSettings dp, long seed, TrainingListener listener) {
        if (data.numFeatures() != plan.inputSize() || data.numClasses() != plan.numClasses()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features / " + data.numClasses()
                    + " classes; the model expects " + plan.inputSize() + " / " + plan.numClasses());
        }
        PerExampleGradients.supported(plan);
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training data");
        }
        long t0 = System.nanoTime();
        DpSgdRun run = plannedRun(n, settings, dp);
        double q = run.samplingRate();
        int perEpoch = (n + settings.batchSize() - 1) / settings.batchSize();
        int epochs = (int) ((run.steps() + perEpoch - 1) / perEpoch);
        SameDiffNetwork net = SameDiffNetwork.build(plan, start);
        net.prepareTraining();
        int p = plan.parameterArrayLength();
        INDArray params = Nd4j.createFromArray(start.clone()).reshape(1, p);
        IUpdater config = LocalTrainer.updater(settings, run.steps());
        long stateSize = config.stateSize(p);
        GradientUpdater<?> updater = config.instantiate(stateSize > 0 ? Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, stateSize)
                : null, true);
        SplittableRandom sampler = new SplittableRandom(seed);
        // SplittableRandom's Gaussians (Java 17's ziggurat) are unsynchronised and several times faster than Random's.
        RandomGenerator noise = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double expected = q * n;
        long drawn = 0;
        long clipped = 0;
        double lastMean = Double.NaN;
        double lossSum = 0;
        int lossCount = 0;
        for (long step = 0; step < run.steps(); step++) {
            int epoch = (int) (step / perEpoch);
            int inEpoch = (int) (step % perEpoch);
            if (inEpoch == 0) {
                listener.epochStarted(epoch, epochs, perEpoch);
                lossSum = 0;
                lossCount = 0;
            }
            int[] chosen = poisson(sampler, n, q);
            double loss = Double.NaN;
            PerExampleGradients g = null;
            double[] norms = new double[0];
            if (chosen.length > 0) {
                DataSet batch = Batches.of(data, chosen, chosen.length).get(0);
                g = PerExampleGradients.of(net, batch.getFeatures(), batch.getLabels());
                norms = g.squaredNorms();
                for (double sq : norms) {
                    clipped += Math.sqrt(sq) > dp.clip() ? 1 : 0;
                }
                loss = g.meanLoss();
                drawn += chosen.length;
                lossSum += loss;
                lossCount++;
            }
            float[] sum = privateGradient(g, norms, p, dp, expected, noise);
            INDArray grad = Nd4j.createFromArray(sum).reshape(1, p);
            if (settings.fedProxMu() > 0) {
                grad.addi(params.sub(Nd4j.createFromArray(start).reshape(1, p)).muli(settings.fedProxMu()));
            }
            updater.applyUpdater(grad, (int) step, epoch);
            params.subi(grad);
            net.setParameters(params.data().asFloat());
            listener.batchDone(epoch, inEpoch, perEpoch, loss);
            if (inEpoch == perEpoch - 1 || step == run.steps() - 1) {
                lastMean = lossCount == 0 ? Double.NaN : lossSum / lossCount;
                listener.epochDone(epoch, lastMean);
            }
        }
        float[] trained = params.data().asFloat();
        for (int j = 0; j < trained.length; j++) {
            if (!Float.isFinite(trained[j])) {
                throw new IllegalStateException("DP-SGD diverged: parameter " + j + " is " + trained[j]
                        + " (lower the learning rate " + settings.learningRate() + ")");
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new DpSgdResult(new TrainingResult(trained, drawn, epochs, lastMean, ms), run,
                drawn == 0 ? 0 : (double) clipped / drawn);
    }

    /**
     * One step's private gradient: the per-example gradients of {@code g} (null for an empty
     * draw) scaled to norm at most C ({@link #clipScales}), summed, plus N(0, (sigma C)^2) noise
     * per coordinate from {@code noise}, over {@code expectedBatch}.
     */
    public static float[] privateGradient(PerExampleGradients g, int parameters, DpSgdSettings dp, double expectedBatch, RandomGenerator noise) {
        return privateGradient(g, g == null ? new double[0] : g.squaredNorms(), parameters, dp, expectedBatch, noise);
    }

    private static float[] privateGradient(PerExampleGradients g, double[] squaredNorms, int parameters, DpSgdSettings dp, double expectedBatch,
            RandomGenerator noise) {
        float[] sum = g == null ? new float[parameters] : g.weightedSum(clipScales(squaredNorms, dp.clip()));
        double sigmaC = dp.noiseMultiplier() * dp.clip();
        for (int j = 0; j < parameters; j++) {
            sum[j] = (float) ((sum[j] + sigmaC * noise.nextGaussian()) / expectedBatch);
        }
        return sum;
    }

    /** min(1, C / |g_i|) for each example: the factor that brings its gradient's norm to at most C. */
    public static double[] clipScales(double[] squaredNorms, double clip) {
        double[] scale = new double[squaredNorms.length];
        for (int i = 0; i < scale.length; i++) {
            double norm = Math.sqrt(squaredNorms[i]);
            scale[i] = norm > clip ? clip / norm : 1.0;
        }
        return scale;
    }

    /** Indices drawn with probability q each, in increasing order. */
    static int[] poisson(SplittableRandom rng, int n, double q) {
        int[] buf = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < q) {
                buf[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(buf, k);
    }
}

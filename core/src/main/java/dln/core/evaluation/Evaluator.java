package dln.core.evaluation;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.DirectNetwork;
import dln.core.model.Head;
import dln.core.model.Network;
import dln.core.training.Batches;
import dln.core.training.NativeThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores parameter vectors of one architecture on datasets, forward only, in batches of
 * {@value #BATCH} on one {@link Network} (the engine {@link Network#of} chooses) whose buffers
 * are reused: loading a vector is one copy. With several native threads, a classification's
 * batches are shared out over as many Java threads, one network each. The metric is the head's:
 * accuracy for the softmax head (argmax) and the sigmoid head (class 1 when the output is at least
 * the threshold), with the mean cross-entropy as the loss; MSE, MAE and RMSE for a regression
 * head on float targets ({@link #regression}). Not thread-safe.
 */
public final class Evaluator {
    /** Examples per forward pass. */
    public static final int BATCH = 500;
    private static final double EPS = 1e-7;
    private final Network net;
    /** The networks of the further threads a multi-batch evaluation runs on, made on first use. */
    private final List<Network> others = new ArrayList<>();
    private ExecutorService pool;
    /** The current batch's outputs, reused across batches and calls. */
    private float[] stage = new float[0];

    /** An evaluator for one architecture. */
    public Evaluator(ArchitecturePlan plan) {
        // Every call loads its parameters first: the network needs only their count here, not a
        // random initialisation (a committee member made one per model it scores).
        this.net = Network.of(plan, new float[plan.parameterArrayLength()]);
    }

    /** Accuracy, loss and per-class accuracy of {@code params} on {@code data} (a classification head). */
    public EvaluationResult evaluate(float[] params, Dataset data) {
        return evaluate(params, data, null);
    }

    /**
     * The committee's score of {@code params} on {@code data} in {@code metric}: accuracy or mean
     * cross-entropy for a classification head, RMSE or MAE for a regression head.
     *
     * @throws IllegalArgumentException when the metric is not the head's kind
     */
    public double score(float[] params, Dataset data, dln.api.Metric metric) {
        return scored(params, data, metric).score();
    }

    /**
     * A score in a metric and the loss of each example ({@link #losses}), from one pass.
     *
     * @param score  what {@link #score} gives
     * @param losses what {@link #losses} gives, the same bits
     */
    public record Scored(double score, double[] losses) {
    }

    /**
     * {@link #score} and {@link #losses} of {@code params} on {@code data} from one forward pass:
     * the committee's review scores an update and keeps its losses, so that measuring the update
     * alone against its round's start (dln.core.protocol.RoundContributions) evaluates it no second
     * time.
     *
     * @throws IllegalArgumentException when the metric is not the head's kind
     */
    public Scored scored(float[] params, Dataset data, dln.api.Metric metric) {
        if (metric.regression() != (plan().head().kind() == Head.Kind.REGRESSION)) {
            throw new IllegalArgumentException("metric " + metric + " does not score a " + plan().head().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " head (" + (metric.regression() ? "accuracy or loss" : "rmse or mae") + " does)");
        }
        if (metric.regression() && data.numFeatures() != plan().inputSize()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features; the model expects " + plan().inputSize());
        }
        final double[] losses = new double[data.size()];
        final double score = switch (metric) {
            case ACCURACY -> evaluate(params, data, losses).accuracy();
            case LOSS -> evaluate(params, data, losses).loss();
            case RMSE -> regression(params, data.features(), data.targets(), losses).rmse();
            case MAE -> regression(params, data.features(), data.targets(), losses).mae();
        };
        return new Scored(score, losses);
    }

    /**
     * The loss of {@code params} on each example of {@code data}, in the data's order: what paired
     * comparisons of two models on the same examples need. The cross-entropy for a classification
     * head; the squared error (the loss the regression head trains on) for a regression head on
     * float targets.
     */
    public double[] losses(float[] params, Dataset data) {
        final double[] out = new double[data.size()];
        if (data.isRegression()) {
            regression(params, data.features(), data.targets(), out);
        } else {
            evaluate(params, data, out);
        }
        return out;
    }

    /** MSE, MAE and RMSE of a regression head's {@code params} on a regression dataset. */
    public RegressionResult regression(float[] params, Dataset data) {
        if (data.numFeatures() != plan().inputSize()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features; the model expects " + plan().inputSize());
        }
        return regression(params, data.features(), data.targets());
    }

    /**
     * MSE, MAE and RMSE of a regression head's {@code params} on {@code features} (row-major,
     * {@code inputSize} per example) against {@code targets} (row-major, {@code outputUnits} per
     * example), averaged over every example and output.
     */
    public RegressionResult regression(float[] params, float[] features, float[] targets) {
        return regression(params, features, targets, null);
    }

    private RegressionResult regression(float[] params, float[] features, float[] targets, double[] squaresOut) {
        ArchitecturePlan plan = net.plan();
        if (plan.head().kind() != Head.Kind.REGRESSION) {
            throw new IllegalArgumentException("the model has a " + plan.head().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " head; regression metrics need a regression head");
        }
        int nf = plan.inputSize();
        int k = plan.outputUnits();
        if (features.length % nf != 0 || targets.length != features.length / nf * k) {
            throw new IllegalArgumentException(features.length + " feature values and " + targets.length
                    + " targets do not make examples of " + nf + " features and " + k + " outputs");
        }
        int n = features.length / nf;
        net.setParameters(params);
        double squares = 0;
        double absolute = 0;
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            float[] rows = java.util.Arrays.copyOfRange(features, start * nf, (start + m) * nf);
            float[] out = read(net.predict(rows, m), stage(m * k));
            for (int j = 0; j < m * k; j++) {
                double d = (double) out[j] - targets[start * k + j];
                squares += d * d;
                absolute += Math.abs(d);
                if (squaresOut != null) {
                    // per example: the mean over its outputs, as the MSE loss averages them
                    squaresOut[start + j / k] += d * d / k;
                }
            }
        }
        double values = (double) n * k;
        double mse = n == 0 ? Double.NaN : squares / values;
        return new RegressionResult(n, mse, n == 0 ? Double.NaN : absolute / values, Math.sqrt(mse));
    }

    private EvaluationResult evaluate(float[] params, Dataset data, double[] lossesOut) {
        ArchitecturePlan plan = net.plan();
        if (data.isRegression()) {
            throw new IllegalArgumentException("the data has float targets (a regression); accuracy and cross-entropy need class labels");
        }
        if (data.numFeatures() != plan.inputSize() || data.numClasses() != plan.numClasses()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features / " + data.numClasses()
                    + " classes; the model expects " + plan.inputSize() + " / " + plan.numClasses());
        }
        net.setParameters(params);
        Head head = plan.head();
        int k = data.numClasses();
        int units = head.units();
        int[] correct = new int[k];
        int[] count = new int[k];
        double lossSum = 0;
        float[][] outputs = outputs(params, data, units);
        for (int start = 0; start < data.size(); start += BATCH) {
            int n = Math.min(BATCH, data.size() - start);
            float[] out = outputs[start / BATCH];
            for (int i = 0; i < n; i++) {
                int label = data.labels()[start + i];
                int best;
                double p;
                if (head.kind() == Head.Kind.SIGMOID) {
                    best = out[i] >= head.threshold() ? 1 : 0;
                    p = label == 1 ? out[i] : 1.0 - out[i];
                } else {
                    best = 0;
                    for (int c = 1; c < k; c++) {
                        if (out[i * units + c] > out[i * units + best]) {
                            best = c;
                        }
                    }
                    p = out[i * units + label];
                }
                count[label]++;
                if (best == label) {
                    correct[label]++;
                }
                final double loss = -Math.log(Math.max(EPS, p));
                lossSum += loss;
                if (lossesOut != null) {
                    lossesOut[start + i] = loss;
                }
            }
        }
        int total = 0;
        int right = 0;
        double[] perClass = new double[k];
        for (int c = 0; c < k; c++) {
            total += count[c];
            right += correct[c];
            perClass[c] = count[c] == 0 ? Double.NaN : (double) correct[c] / count[c];
        }
        return new EvaluationResult(total, total == 0 ? Double.NaN : (double) right / total,
                total == 0 ? Double.NaN : lossSum / total, perClass, count);
    }

    /**
     * Every batch's outputs (row-major, {@code units} per example), the parameters already set on
     * {@link #net}. With more than one native thread on the calling thread ({@link
     * NativeThreads#ofThisThread}) and more than one batch, the batches are shared out over that
     * many Java threads, each taking the next batch not yet taken (a thread the machine's other
     * work holds up takes fewer), on its own network and buffers with its native ops on one
     * thread. Why: on two cores, splitting each op of a batch over a two-thread team made MLP
     * evaluation slower than on one thread (every op a fork and join, the serial steps between
     * them leaving the second thread idle; docs/performance.md, "Fifth round"); whole batches need
     * one hand-off per call. A batch's outputs then depend
     * only on the batch, not on the thread count or timing. SameDiff networks keep one thread.
     */
    private float[][] outputs(float[] params, Dataset data, int units) {
        int batches = (data.size() + BATCH - 1) / BATCH;
        float[][] out = new float[batches][];
        int[] order = Batches.identity(data.size());
        int threads = net instanceof DirectNetwork ? Math.min(NativeThreads.ofThisThread(), batches) : 1;
        AtomicInteger next = new AtomicInteger();
        if (threads <= 1) {
            predictBatches(net, data, order, next, units, out);
            return out;
        }
        while (others.size() < threads - 1) {
            others.add(Network.of(net.plan(), params));
        }
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Network other = others.get(t - 1);
            other.setParameters(params);
            helpers.add(CompletableFuture.runAsync(
                    () -> NativeThreads.singleThreaded(() -> predictBatches(other, data, order, next, units, out)), pool()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(helpers.toArray(CompletableFuture[]::new));
        try {
            NativeThreads.singleThreaded(() -> predictBatches(net, data, order, next, units, out));
        } finally {
            // Every helper is done with the shared arrays before they are read or the call fails.
            all.exceptionally(e -> null).join();
        }
        try {
            all.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("evaluation on a second thread failed", e.getCause());
        }
        return out;
    }

    /** The helpers' threads: daemons, made on first use, gone after a minute idle (an evaluator is never closed). */
    private ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "dln-evaluator");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** The batches of {@code data} not yet taken ({@code next}) through {@code on} into {@code out}. */
    private static void predictBatches(Network on, Dataset data, int[] order, AtomicInteger next, int units, float[][] out) {
        for (int b = next.getAndIncrement(); b < out.length; b = next.getAndIncrement()) {
            int start = b * BATCH;
            int n = Math.min(BATCH, data.size() - start);
            out[b] = read(on.predict(data, order, start, n), new float[n * units]);
        }
    }

    private float[] stage(int length) {
        if (stage.length < length) {
            stage = new float[length];
        }
        return stage;
    }

    /**
     * A batch's outputs, row-major, into the start of {@code into}: straight from the array's
     * memory when it is contiguous, as the engine's buffers are. The copy and the array a
     * {@code dup()} made for each batch were 1.5 % of an MLP evaluation.
     */
    private static float[] read(INDArray out, float[] into) {
        int len = (int) out.length();
        if (len > into.length) {
            throw new IllegalStateException(len + " outputs for a stage of " + into.length);
        }
        boolean contiguous = out.ordering() == 'c' && out.elementWiseStride() == 1 && out.dataType() == DataType.FLOAT && out.offset() == 0;
        if (contiguous && out.data().addressPointer() instanceof FloatPointer p) {
            p.get(into, 0, len);
        } else {
            System.arraycopy(out.dup('c').data().asFloat(), 0, into, 0, len);
        }
        return into;
    }

    /** The architecture. */
    public ArchitecturePlan plan() {
        return net.plan();
    }
}

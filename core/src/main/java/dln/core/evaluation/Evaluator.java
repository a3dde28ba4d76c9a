package dln.core.evaluation;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.DirectNetwork;
import dln.core.model.ParameterInit;
import dln.core.training.Batches;

/**
 * Scores parameter vectors of one architecture on datasets, forward only (no gradient buffers),
 * in batches of {@value #BATCH} on one {@link DirectNetwork} whose buffers are reused: loading a
 * vector is one copy. Not thread-safe.
 */
public final class Evaluator {
    /** Examples per forward pass. */
    public static final int BATCH = 500;
    private static final double EPS = 1e-7;
    private final DirectNetwork net;

    /** An evaluator for one architecture. */
    public Evaluator(ArchitecturePlan plan) {
        this.net = DirectNetwork.of(plan, ParameterInit.initialise(plan, 0));
    }

    /** Accuracy, loss and per-class accuracy of {@code params} on {@code data}. */
    public EvaluationResult evaluate(float[] params, Dataset data) {
        return evaluate(params, data, null);
    }

    /**
     * The cross-entropy of {@code params} on each example of {@code data}, in the data's order:
     * what paired comparisons of two models on the same examples need.
     */
    public double[] losses(float[] params, Dataset data) {
        final double[] out = new double[data.size()];
        evaluate(params, data, out);
        return out;
    }

    private EvaluationResult evaluate(float[] params, Dataset data, double[] lossesOut) {
        ArchitecturePlan plan = net.plan();
        if (data.numFeatures() != plan.inputSize() || data.numClasses() != plan.numClasses()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features / " + data.numClasses()
                    + " classes; the model expects " + plan.inputSize() + " / " + plan.numClasses());
        }
        net.setParameters(params);
        int k = data.numClasses();
        int[] correct = new int[k];
        int[] count = new int[k];
        double lossSum = 0;
        int[] order = Batches.identity(data.size());
        for (int start = 0; start < data.size(); start += BATCH) {
            int n = Math.min(BATCH, data.size() - start);
            float[] probs = net.predict(data, order, start, n).data().asFloat();
            for (int i = 0; i < n; i++) {
                int label = data.labels()[start + i];
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (probs[i * k + c] > probs[i * k + best]) {
                        best = c;
                    }
                }
                count[label]++;
                if (best == label) {
                    correct[label]++;
                }
                final double loss = -Math.log(Math.max(EPS, probs[i * k + label]));
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

    /** The architecture. */
    public ArchitecturePlan plan() {
        return net.plan();
    }
}

package dln.core.training;

import dln.core.model.TrainingSpec;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One optimiser step on the flat parameter vector, with fresh state per training run: Adam as one
 * fused pass over Java arrays, the others through ND4J's updater. ND4J 1.0.0-M2.1's
 * {@code adam_updater} op took 3-5 ms per step on the MLP's 199,210 parameters (more than all its
 * matrix products); the fused pass, copies in and out included, 0.4-0.5 ms (docs/performance.md).
 */
interface OptimiserStep {
    /** Moves {@code params} against {@code grads} (which it may overwrite). */
    void apply(INDArray params, INDArray grads, int iteration, int epoch);

    /** The step for {@code s}'s optimiser, starting from {@code start}, in a run of {@code totalSteps} steps. */
    static OptimiserStep of(TrainingSpec s, float[] start, long totalSteps) {
        IUpdater config = LocalTrainer.updater(s, totalSteps);
        if (config instanceof Adam adam) {
            return new FusedAdam(adam, start);
        }
        long size = config.stateSize(start.length);
        GradientUpdater<?> u = config.instantiate(size > 0 ? Nd4j.zeros(DataType.FLOAT, 1, size) : null, true);
        return (params, grads, iteration, epoch) -> {
            u.applyUpdater(grads, iteration, epoch);
            params.subi(grads);
        };
    }

    /**
     * ND4J's Adam update (its AdamUpdater's formula: bias correction folded into the step size,
     * epsilon added to the uncorrected root of v) in float arithmetic, element by element in index
     * order: deterministic whatever the thread count.
     */
    final class FusedAdam implements OptimiserStep {
        private final Adam config;
        private final float beta1;
        private final float beta2;
        private final float epsilon;
        private final float[] w;
        private final float[] g;
        private final float[] m;
        private final float[] v;

        FusedAdam(Adam config, float[] start) {
            this.config = config;
            this.beta1 = (float) config.getBeta1();
            this.beta2 = (float) config.getBeta2();
            this.epsilon = (float) config.getEpsilon();
            this.w = start.clone();
            this.g = new float[start.length];
            this.m = new float[start.length];
            this.v = new float[start.length];
        }

        @Override
        public void apply(INDArray params, INDArray grads, int iteration, int epoch) {
            FloatPointer gp = (FloatPointer) grads.data().addressPointer();
            gp.get(g, 0, g.length);
            // The recipe's schedule, when it has one (Adam's own rate otherwise).
            float lr = (float) config.getLearningRate(iteration, epoch);
            double alpha = lr * Math.sqrt(1 - Math.pow(beta2, iteration + 1)) / (1 - Math.pow(beta1, iteration + 1));
            float at = (float) alpha;
            float c1 = 1 - beta1;
            float c2 = 1 - beta2;
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + gi * c1;
                float vi = beta2 * v[i] + gi * gi * c2;
                m[i] = mi;
                v[i] = vi;
                w[i] -= mi * at / ((float) Math.sqrt(vi) + epsilon);
            }
            FloatPointer wp = (FloatPointer) params.data().addressPointer();
            wp.put(w, 0, w.length);
        }
    }
}

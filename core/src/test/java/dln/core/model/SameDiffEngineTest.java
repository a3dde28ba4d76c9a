package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SameDiff engine behind {@link Network}: the same numbers as DirectNetwork, and training with the new layers. */
class SameDiffEngineTest {
    private static Dataset separable(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) r.nextGaussian();
                s += (j < 3 ? 1 : -0.5) * x[i * 6 + j];
            }
            y[i] = s > 0 ? 1 : 0;
        }
        return new Dataset(x, y, 6, 2);
    }

    @Test
    void itComputesWhatDirectNetworkComputes() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 8, 8), List.of(
                LayerSpec.conv2dSame(3, 3, 2, "relu"), LayerSpec.avgpool(2, 1), LayerSpec.flatten(), LayerSpec.dense(7, "tanh"),
                LayerSpec.output(3))));
        float[] params = ParameterInit.initialise(plan, 4);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[10 * 64];
        int[] y = new int[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(3);
        }
        Dataset d = new Dataset(x, y, 64, 3);
        int[] order = {3, 1, 4, 0, 9, 2, 6, 5, 8, 7};
        Network direct = DirectNetwork.of(plan, params);
        Network graph = SameDiffEngine.of(plan, params);
        assertEquals(direct.gradient(d, order, 2, 6), graph.gradient(d, order, 2, 6), 1e-5);
        float[] a = direct.gradients().dup().data().asFloat();
        float[] b = graph.gradients().dup().data().asFloat();
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], b[j], 1e-5 + 1e-3 * Math.abs(a[j]), "gradient " + j);
        }
        assertArrayEquals(direct.predict(d, order, 0, 10).dup().data().asFloat(), graph.predict(d, order, 0, 10).dup().data().asFloat(), 1e-5f);
    }

    @Test
    void trainingWithBatchNormDropoutAndTheSigmoidHeadLearnsAndIsReproducible() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(6), List.of(
                LayerSpec.dense(16, "identity"), LayerSpec.batchNorm("relu"), LayerSpec.dropout(0.2),
                LayerSpec.dense(16, "relu"), LayerSpec.add(2, null), LayerSpec.sigmoidOutput(0.5))));
        float[] start = ParameterInit.initialise(plan, 9);
        Dataset train = separable(200, 1);
        Dataset test = separable(200, 2);
        TrainingSpec s = new TrainingSpec("adam", 0.01, 20, 10, 0);
        LocalTrainer trainer = new LocalTrainer(plan);
        float[] once = trainer.train(start, train, s, 5, new TrainingListener() { }).params();
        float[] again = trainer.train(start, train, s, 5, new TrainingListener() { }).params();
        float[] otherSeed = trainer.train(start, train, s, 6, new TrainingListener() { }).params();
        assertArrayEquals(once, again, "the same seed gives the same masks, order and result");
        assertFalse(Arrays.equals(once, otherSeed));
        Evaluator ev = new Evaluator(plan);
        double before = ev.evaluate(start, test).accuracy();
        double after = ev.evaluate(once, test).accuracy();
        assertTrue(after > 0.9 && after > before, "test accuracy " + before + " -> " + after);
    }
}

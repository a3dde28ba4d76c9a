package dln.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import dln.core.model.SameDiffNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class EvaluatorTest {
    /** One softmax layer on 2 features whose weights make it answer "class = index of larger feature". */
    @Test
    void accuracyLossAndPerClassOnAConstructedModel() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(2), List.of(LayerSpec.output(2))));
        float[] params = {10f, 0f, 0f, 10f, 0f, 0f};
        Dataset d = new Dataset(new float[]{1, 0, 0, 1, 1, 0, 0, 1}, new int[]{0, 1, 1, 1}, 2, 2);
        Evaluator ev = new Evaluator(plan);
        EvaluationResult r = ev.evaluate(params, d);
        assertEquals(4, r.examples());
        assertEquals(0.75, r.accuracy(), 1e-12);
        assertArrayEquals(new double[]{1.0, 2.0 / 3}, r.perClassAccuracy(), 1e-12);
        assertArrayEquals(new int[]{1, 3}, r.perClassCount());
        double wrong = -Math.log(1 / (1 + Math.exp(10)));
        double right = -Math.log(1 / (1 + Math.exp(-10)));
        assertEquals((3 * right + wrong) / 4, r.loss(), 1e-4);
        EvaluationResult again = ev.evaluate(new float[]{0f, 10f, 10f, 0f, 0f, 0f}, d);
        assertEquals(0.25, again.accuracy(), 1e-12, "the same instance takes new parameters");
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new float[5], d));
        assertTrue(Double.isFinite(r.loss()));
    }

    /**
     * An MLP with non-zero biases over more examples than one batch (two full batches and a
     * partial one, each read from the engine's buffers): accuracy, loss and per-example losses
     * as computed from the SameDiff reference's probabilities, and the same bits on a second call.
     */
    @Test
    void severalBatchesScoreAsTheReferenceProbabilities() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(20), List.of(
                LayerSpec.dense(16, "relu"), LayerSpec.dense(12, "tanh"), LayerSpec.output(5))));
        java.util.SplittableRandom r = new java.util.SplittableRandom(31);
        float[] params = randomParams(plan, r);
        int n = 2 * Evaluator.BATCH + 100;
        Dataset d = randomData(n, 20, 5, r);
        float[] x = d.features();
        int[] y = d.labels();
        float[] probs = SameDiffNetwork.build(plan, params).predict(Nd4j.create(x, new long[]{n, 20}, 'c')).data().asFloat();
        int right = 0;
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < 5; c++) {
                best = probs[i * 5 + c] > probs[i * 5 + best] ? c : best;
            }
            right += best == y[i] ? 1 : 0;
            expected[i] = -Math.log(Math.max(1e-7, probs[i * 5 + y[i]]));
        }
        Evaluator ev = new Evaluator(plan);
        EvaluationResult got = ev.evaluate(params, d);
        assertEquals((double) right / n, got.accuracy(), 1e-12);
        assertEquals(java.util.Arrays.stream(expected).average().orElseThrow(), got.loss(), 1e-5);
        double[] losses = ev.losses(params, d);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], losses[i], 1e-5 * Math.max(1, expected[i]), "example " + i);
        }
        EvaluationResult again = ev.evaluate(params, d);
        assertEquals(got.loss(), again.loss(), 0.0, "a second call's loss");
        assertArrayEquals(got.perClassAccuracy(), again.perClassAccuracy(), 0.0);
    }

    /**
     * Batches shared out over Java threads (one network and one native thread each): the same
     * bits as on one thread, for an MLP and a convolution with pooling, over four full batches and
     * a partial one on two and three threads, twice; and the SameDiff reference's losses.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mlp", "conv"})
    void batchesOnSeveralThreadsScoreAsOnOne(String model) {
        ArchitecturePlan plan = "mlp".equals(model)
                ? ArchitecturePlan.of(new ArchitectureSpec(List.of(64), List.of(LayerSpec.dense(24, "relu"), LayerSpec.output(5))))
                : ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 8, 8), List.of(
                        LayerSpec.conv2d(4, 3, 1, "relu"), LayerSpec.maxpool(2, 2), LayerSpec.output(5))));
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        float[] params = randomParams(plan, r);
        int n = 4 * Evaluator.BATCH + 37;
        Dataset d = randomData(n, 64, 5, r);
        float[] x = d.features();
        int[] y = d.labels();
        int before = dln.core.training.NativeThreads.ofThisThread();
        Evaluator ev = new Evaluator(plan);
        try {
            dln.core.training.NativeThreads.pin(1);
            double[] one = ev.losses(params, d);
            EvaluationResult oneResult = ev.evaluate(params, d);
            for (int threads : new int[]{2, 3}) {
                dln.core.training.NativeThreads.pin(threads);
                assertEquals(threads, dln.core.training.NativeThreads.ofThisThread(), "the calling thread's team size");
                for (int run = 0; run < 2; run++) {
                    assertArrayEquals(one, ev.losses(params, d), 0.0, threads + " threads, run " + run);
                    EvaluationResult got = ev.evaluate(params, d);
                    assertEquals(oneResult.loss(), got.loss(), 0.0);
                    assertEquals(oneResult.accuracy(), got.accuracy(), 0.0);
                    assertArrayEquals(oneResult.perClassAccuracy(), got.perClassAccuracy(), 0.0);
                }
            }
            float[] probs = SameDiffNetwork.build(plan, params).predict(Nd4j.create(x, new long[]{n, 1, 8, 8}, 'c')
                    .reshape('c', "mlp".equals(model) ? new long[]{n, 64} : new long[]{n, 1, 8, 8})).data().asFloat();
            for (int i = 0; i < n; i++) {
                double expected = -Math.log(Math.max(1e-7, probs[i * 5 + y[i]]));
                assertEquals(expected, one[i], 1e-5 * Math.max(1, expected), "example " + i);
            }
        } finally {
            dln.core.training.NativeThreads.pin(before);
        }
    }

    /** One sigmoid unit computing sigmoid(x): the threshold decides which examples are class 1. */
    @Test
    void theSigmoidHeadIsScoredAtItsThreshold() {
        float[] x = {-2f, -0.5f, 0.2f, 0.5f, 2f};
        int[] y = {0, 1, 0, 1, 1};
        Dataset d = new Dataset(x, y, 1, 2);
        float[] params = {1f, 0f};
        for (double threshold : new double[]{0.5, 0.6, 0.3}) {
            ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(1), List.of(LayerSpec.sigmoidOutput(threshold))));
            EvaluationResult r = new Evaluator(plan).evaluate(params, d);
            int right = 0;
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-x[i]));
                right += (p >= threshold ? 1 : 0) == y[i] ? 1 : 0;
                loss -= (y[i] == 1 ? Math.log(p) : Math.log(1 - p)) / x.length;
            }
            assertEquals(right / 5.0, r.accuracy(), 1e-12, "threshold " + threshold);
            assertEquals(loss, r.loss(), 1e-6);
        }
        // sigmoid(0.2) = 0.55, sigmoid(-0.5) = 0.38: 0.5 gets 3 of 5 right, 0.6 and 0.3 get 4
        assertEquals(0.6, new Evaluator(ArchitecturePlan.of(new ArchitectureSpec(List.of(1), List.of(LayerSpec.sigmoidOutput(0.5)))))
                .evaluate(params, d).accuracy(), 1e-12);
        assertEquals(0.8, new Evaluator(ArchitecturePlan.of(new ArchitectureSpec(List.of(1), List.of(LayerSpec.sigmoidOutput(0.6)))))
                .evaluate(params, d).accuracy(), 1e-12);
    }

    /** y = 2 x1 - x2 + 1 and a second output 0.5 x2: MSE, MAE and RMSE on hand-picked targets. */
    @Test
    void regressionMetricsOnFloatTargets() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(2), List.of(LayerSpec.regressionOutput(2))));
        float[] params = {2f, 0f, -1f, 0.5f, 1f, 0f};
        float[] x = {1, 1, 0, 2, 3, -1};
        float[] t = {2, 0, -2, 0, 9, -0.5f};
        // predictions: (2, 0.5), (-1, 1), (8, -0.5); errors: 0, 0.5, 1, 1, 1, 0
        RegressionResult r = new Evaluator(plan).regression(params, x, t);
        assertEquals(3, r.examples());
        assertEquals((0 + 0.25 + 1 + 1 + 1 + 0) / 6, r.mse(), 1e-9);
        assertEquals((0 + 0.5 + 1 + 1 + 1 + 0) / 6, r.mae(), 1e-9);
        assertEquals(Math.sqrt(r.mse()), r.rmse(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(plan).regression(params, x, new float[5]));
        ArchitecturePlan softmax = ArchitecturePlan.of(new ArchitectureSpec(List.of(2), List.of(LayerSpec.output(2))));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(softmax).regression(new float[6], x, t));
    }

    /**
     * The review's one pass: the score in each metric and the per-example losses are the bits
     * that {@code score} and {@code losses} give apart (the committee measures an update alone
     * from the losses its review kept).
     */
    @Test
    void oneScoredPassGivesTheScoreAndTheLossesOfTwoCalls() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(6), List.of(LayerSpec.dense(8, "relu"), LayerSpec.output(3))));
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] params = randomParams(plan, r);
        Dataset d = randomData(Evaluator.BATCH + 37, 6, 3, r);
        Evaluator ev = new Evaluator(plan);
        for (dln.api.Metric m : List.of(dln.api.Metric.ACCURACY, dln.api.Metric.LOSS)) {
            Evaluator.Scored s = ev.scored(params, d, m);
            assertEquals(Double.doubleToLongBits(ev.score(params, d, m)), Double.doubleToLongBits(s.score()), m.name());
            assertArrayEquals(ev.losses(params, d), s.losses(), 0.0, m.name());
        }
        assertTrue(ev.scored(params, d, dln.api.Metric.ACCURACY).score() > 0.2, "a score, not a default");
        assertThrows(IllegalArgumentException.class, () -> ev.scored(params, d, dln.api.Metric.RMSE));
        ArchitecturePlan linear = ArchitecturePlan.of(new ArchitectureSpec(List.of(2), List.of(LayerSpec.regressionOutput(1))));
        Dataset reg = Dataset.regression(new float[]{1, 1, 0, 2, 3, -1}, new float[]{2, 0, 9}, 2);
        Evaluator lin = new Evaluator(linear);
        float[] w = {2f, -1f, 1f};
        Evaluator.Scored rmse = lin.scored(w, reg, dln.api.Metric.RMSE);
        assertEquals(lin.regression(w, reg).rmse(), rmse.score(), 0.0);
        assertArrayEquals(lin.losses(w, reg), rmse.losses(), 0.0);
        assertEquals(lin.regression(w, reg).mae(), lin.scored(w, reg, dln.api.Metric.MAE).score(), 0.0);
    }

    /** Parameters uniform in [-0.5, 0.5). */
    private static float[] randomParams(ArchitecturePlan plan, java.util.SplittableRandom r) {
        float[] params = new float[(int) plan.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (r.nextDouble() - 0.5);
        }
        return params;
    }

    /** {@code n} examples of features uniform in [0, 1) and uniform labels, drawn in that order. */
    private static Dataset randomData(int n, int features, int classes, java.util.SplittableRandom r) {
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return new Dataset(x, y, features, classes);
    }
}

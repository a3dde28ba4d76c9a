package dln.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.Metric;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.evaluation.RegressionResult;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import dln.core.protocol.ModelContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The regression head trained by LocalTrainer on float targets and scored as the committee scores it. */
class RegressionTrainingTest {

    /** y = 0.8 x0 - 0.5 x1 + 0.3 x2 x3 + noise 0.1: a signal of standard deviation about 1. */
    private static Dataset data(int n, long seed) {
        Random rnd = new Random(seed);
        float[] f = new float[n * 4];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                f[i * 4 + j] = (float) rnd.nextGaussian();
            }
            t[i] = (float) (0.8 * f[i * 4] - 0.5 * f[i * 4 + 1] + 0.3 * f[i * 4 + 2] * f[i * 4 + 3] + 0.1 * rnd.nextGaussian());
        }
        return Dataset.regression(f, t, 4);
    }

    @Test
    void theRegressionMlpLearnsFloatTargetsAndIsScoredInRmse() {
        ModelSpec spec = BuiltinModels.byName("mlp", 4, 0);
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        assertEquals(1, plan.outputUnits());
        assertEquals("mse", spec.training().loss());
        Dataset train = data(400, 1);
        Dataset test = data(200, 2);
        float[] start = ParameterInit.initialise(plan, spec.seed());
        Evaluator ev = new Evaluator(plan);
        double before = ev.score(start, test, Metric.RMSE);
        TrainingSpec settings = new TrainingSpec("adam", 1e-3, 16, 5, 0, null, null, "mse", null);
        TrainingResult r = new LocalTrainer(plan).train(start, train, settings, 3, TrainingListener.NONE);
        RegressionResult after = ev.regression(r.params(), test);
        // The targets' standard deviation is about 0.97: predicting their mean scores that much.
        assertTrue(after.rmse() < 0.35, "RMSE " + after.rmse() + " (before " + before + ")");
        assertTrue(after.rmse() < before / 2, "RMSE " + after.rmse() + " (before " + before + ")");
        assertEquals(after.rmse(), ev.score(r.params(), test, Metric.RMSE), 1e-12);
        assertEquals(after.mae(), ev.score(r.params(), test, Metric.MAE), 1e-12);
        // Paired losses of a regression are the per-example squared errors: their mean is the MSE.
        double[] losses = ev.losses(r.params(), test);
        assertEquals(200, losses.length);
        double mean = 0;
        for (double l : losses) {
            mean += l / losses.length;
        }
        assertEquals(after.mse(), mean, 1e-9);
        // Mixing the kinds is refused: a classification metric, class labels, a classifier on float targets.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ev.score(start, test, Metric.ACCURACY)).getMessage().contains("rmse or mae"));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(start, test));
        assertTrue(ModelContext.metricMisfit(Metric.ACCURACY, plan).isPresent());
        assertTrue(ModelContext.metricMisfit(Metric.RMSE, plan).isEmpty());
        assertTrue(plan.misfit(4, 0, "the data").isEmpty());
        assertTrue(plan.misfit(4, 2, "the data").orElseThrow().contains("class labels"));
        ArchitecturePlan classifier = ArchitecturePlan.of(BuiltinModels.mlp(4, 2).architecture());
        assertTrue(classifier.misfit(4, 0, "the data").orElseThrow().contains("float targets"));
        assertTrue(ModelContext.metricMisfit(Metric.RMSE, classifier).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new LocalTrainer(classifier)
                .train(ParameterInit.initialise(classifier, 1), train, new TrainingSpec("adam", 1e-3, 16, 1, 0), 1, TrainingListener.NONE));
    }
}

package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.FedAvg;
import dln.core.aggregation.ModelUpdate;
import dln.core.data.Dataset;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch-norm running statistics are parameters to aggregation: FedAvg of two updates trained
 * on differently distributed data gives the sample-weighted mean of their running means and of
 * their running variances, coordinate by coordinate, as it does for every weight.
 */
class BatchNormAggregationTest {
    private static Dataset data(double shift, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (shift + (j + 1) * r.nextDouble());
            }
            y[i] = r.nextInt(2);
        }
        return new Dataset(x, y, 4, 2);
    }

    @Test
    void fedAvgAveragesTheRunningMeanAndVarianceByExamples() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(4),
                List.of(LayerSpec.batchNorm(null), LayerSpec.dense(5, "relu"), LayerSpec.batchNorm("tanh"), LayerSpec.output(2))));
        float[] start = ParameterInit.initialise(plan, 1);
        TrainingSpec s = new TrainingSpec("sgd", 0.05, 10, 2, 0);
        LocalTrainer trainer = new LocalTrainer(plan);
        float[] a = trainer.train(start, data(0, 10, 1), s, 1, new TrainingListener() { }).params();
        float[] b = trainer.train(start, data(3, 30, 2), s, 1, new TrainingListener() { }).params();
        float[] avg = new FedAvg().aggregate(AggregationInput.of(List.of(new ModelUpdate("a", a, 10), new ModelUpdate("b", b, 30))));
        int statistics = 0;
        for (ParamSpec p : plan.params()) {
            for (int j = p.arrayOffset(); j < p.arrayOffset() + p.arrayLength(); j++) {
                assertEquals((10.0 * a[j] + 30.0 * b[j]) / 40, avg[j], 1e-5 * Math.max(1, Math.abs(avg[j])), p.name());
                if (!p.trainable()) {
                    assertNotEquals(a[j], b[j], p.name() + ": the two providers' statistics differ");
                    statistics++;
                }
            }
        }
        assertEquals(2 * (4 + 5), statistics);
        ParamSpec mean = plan.layers().get(0).param(ParamSpec.Role.RUNNING_MEAN).orElseThrow();
        // Provider b's inputs are shifted by 3, so its running mean and the average are well above a's.
        assertEquals(0.25 * a[mean.arrayOffset()] + 0.75 * b[mean.arrayOffset()], avg[mean.arrayOffset()], 1e-5);
    }
}

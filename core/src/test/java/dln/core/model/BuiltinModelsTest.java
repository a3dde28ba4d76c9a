package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.evaluation.EvaluationResult;
import dln.core.evaluation.Evaluator;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuiltinModelsTest {
    @Test
    void theMlpTakesTheDatasetsFeaturesAndClasses() {
        ArchitecturePlan bc = ArchitecturePlan.of(BuiltinModels.byName("mlp", 30, 2).architecture());
        assertEquals(30, bc.inputSize());
        assertEquals(2, bc.numClasses());
        assertEquals(30 * 200 + 200 + 200 * 200 + 200 + 200 * 2 + 2, bc.parameterCount());
        ArchitecturePlan digits = ArchitecturePlan.of(BuiltinModels.byName("mlp", 64, 10).architecture());
        assertEquals(64, digits.inputSize());
        assertEquals(10, digits.numClasses());
        assertEquals(BuiltinModels.mlp().architecture(), BuiltinModels.byName("mlp", 784, 10).architecture(), "MNIST's MLP unchanged");
    }

    @Test
    void lenetTakesOnly28By28Images() {
        assertEquals(3, ArchitecturePlan.of(BuiltinModels.byName("lenet", 784, 3).architecture()).numClasses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinModels.byName("lenet", 64, 10));
        assertTrue(e.getMessage().contains("use the mlp"), e.getMessage());
    }

    @Test
    void theCifarCnnHasResidualBlocksWithBatchNormAndGlobalPooling() {
        ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.byName("cifar").architecture());
        assertEquals(List.of(3, 32, 32), plan.spec().input());
        assertEquals(3 * 32 * 32, plan.inputSize());
        assertEquals(10, plan.numClasses());
        assertEquals(448 + 2 * 2320 + 4640 + 2 * 9248 + 18_496 + 2 * 36_928 + 650 + 4 * 336, plan.parameterCount());
        assertEquals(122_570, plan.parameterCount());
        long stats = plan.params().stream().filter(p -> !p.trainable()).mapToLong(ParamSpec::length).sum();
        assertEquals(672, stats);
        assertEquals(3, plan.layers().stream().filter(l -> "add".equals(l.spec().type())).count());
        assertEquals(List.of(64, 8, 8), plan.layers().get(plan.layers().size() - 3).outShape());
        assertEquals(5, ArchitecturePlan.of(BuiltinModels.byName("cifar", 3072, 5).architecture()).numClasses());
        assertThrows(IllegalArgumentException.class, () -> BuiltinModels.byName("cifar", 784, 10));
        assertFalse(DirectNetwork.supports(plan), "batch norm and adds run on SameDiff");
    }

    /** One step of local training on 8 synthetic 32x32x3 images: finite loss, new weights, moved batch-norm statistics. */
    @Test
    void theCifarCnnTrainsOneStep() {
        ModelSpec spec = BuiltinModels.cifar();
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        float[] start = ParameterInit.initialise(plan, spec.seed());
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[8 * 3072];
        int[] y = new int[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(10);
        }
        Dataset data = new Dataset(x, y, 3072, 10);
        TrainingResult result = new LocalTrainer(plan).train(start, data, spec.training().withLocalEpochs(1), 1, new TrainingListener() { });
        assertTrue(Double.isFinite(result.finalLoss()) && result.finalLoss() > 0, "loss " + result.finalLoss());
        float[] trained = result.params();
        for (ParamSpec p : plan.params()) {
            boolean changed = false;
            for (int j = p.arrayOffset(); j < p.arrayOffset() + p.arrayLength(); j++) {
                changed |= trained[j] != start[j];
            }
            assertTrue(changed, p.name() + " (" + p.role() + ") did not change in one step");
        }
        ParamSpec mean = plan.layers().get(1).param(ParamSpec.Role.RUNNING_MEAN).orElseThrow();
        ParamSpec var = plan.layers().get(1).param(ParamSpec.Role.RUNNING_VAR).orElseThrow();
        // One step from mean 0, variance 1 with momentum 0.9: 0.1 of the batch's statistics.
        for (int c = 0; c < 16; c++) {
            float m = trained[mean.arrayOffset() + c];
            float v = trained[var.arrayOffset() + c];
            assertTrue(m != 0f && v != 1f && v > 0.9f - 1e-6f, "channel " + c + ": mean " + m + ", var " + v);
        }
        EvaluationResult after = new Evaluator(plan).evaluate(trained, data);
        assertTrue(Double.isFinite(after.loss()));
    }
}

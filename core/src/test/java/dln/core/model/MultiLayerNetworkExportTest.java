package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Splits;
import dln.core.data.TestData;
import dln.core.evaluation.Evaluator;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

class MultiLayerNetworkExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet"})
    void exportedZipLoadsInPlainDl4jAndScoresTheSame(String name) throws Exception {
        Dataset all = TestData.mnistOrSkip();
        DataSplit s = Splits.split(all, 0, 0.1, 3);
        Dataset train = s.train().subset(Batches.identity(1500));
        Dataset test = s.test().subset(Batches.identity(500));
        ModelSpec spec = BuiltinModels.byName(name);
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        float[] trained = new LocalTrainer(plan).train(ParameterInit.initialise(plan, spec.seed()), train,
                spec.training(), 1, TrainingListener.NONE).params();
        double ours = new Evaluator(plan).evaluate(trained, test).accuracy();

        File zip = dir.resolve(name + ".zip").toFile();
        MultiLayerNetworkExport.writeZip(plan, trained, zip);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip);
        Evaluation ev = restored.evaluate(new ExistingDataSetIterator(Batches.of(test, Batches.identity(test.size()), 100)));
        assertEquals(ours, ev.accuracy(), 1e-9, "same accuracy in plain DL4J");
        assertTrue(ours > 0.7, name + " accuracy " + ours);

        INDArray x = Batches.features(test, Batches.identity(test.size()), 0, 50);
        SameDiffNetwork sd = SameDiffNetwork.build(plan, trained);
        double maxDiff = sd.predict(x).sub(restored.output(x)).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-5, "outputs agree, max diff " + maxDiff);
    }

    /** Same padding and average pooling map onto DL4J's Same mode and its divisor without the padding. */
    @org.junit.jupiter.api.Test
    void samePaddingAndAveragePoolingExportTheSameFunction() {
        LayerSpec avgSame = new LayerSpec("avgpool", null, null, 3, 2, null, null, "same", null, null, null, null, null, null, null, null);
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(java.util.List.of(2, 9, 9), java.util.List.of(
                LayerSpec.conv2dSame(4, 3, 2, "relu"), avgSame, LayerSpec.conv2dSame(3, 2, 1, "tanh"), LayerSpec.avgpool(2, 1),
                LayerSpec.dense(6, "relu"), LayerSpec.output(3))));
        float[] params = ParameterInit.initialise(plan, 7);
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, plan.inputSize());
        MultiLayerNetwork net = MultiLayerNetworkExport.toNetwork(plan, params);
        double maxDiff = SameDiffNetwork.build(plan, params).predict(x).sub(net.output(x)).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-5, "outputs agree, max diff " + maxDiff);
        ArchitecturePlan bn = ArchitecturePlan.of(new ArchitectureSpec(java.util.List.of(3),
                java.util.List.of(LayerSpec.batchNorm(null), LayerSpec.output(2))));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MultiLayerNetworkExport.toNetwork(bn, ParameterInit.initialise(bn, 1)));
        assertTrue(e.getMessage().contains("layer 0 (batchnorm) has no MultiLayerNetwork counterpart"), e.getMessage());
    }
}

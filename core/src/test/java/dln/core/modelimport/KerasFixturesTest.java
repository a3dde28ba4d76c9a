package dln.core.modelimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Keras fixtures are written by hand with h5py (no TensorFlow): DL4J's own Keras importer,
 * a reader independent of dln's mapping, reads them to the fixture script's reference outputs.
 */
class KerasFixturesTest {

    @org.junit.jupiter.api.Test
    void dl4jsKerasImporterReadsTheFunctionalFixtureToItsReferenceOutput() throws Exception {
        final org.deeplearning4j.nn.graph.ComputationGraph dl4j =
                KerasModelImport.importKerasModelAndWeights(Fixtures.file("keras-functional.h5").toString(), false);
        final float[][] in = Fixtures.input("keras-functional");
        final INDArray out = dl4j.outputSingle(Nd4j.create(in).castTo(DataType.FLOAT));
        final float[][] expected = Fixtures.output("keras-functional");
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(expected[i], out.getRow(i).toFloatVector(), 1e-5f, "example " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void dl4jsKerasImporterReadsTheResidualFixtureToItsReferenceOutput() throws Exception {
        final org.deeplearning4j.nn.graph.ComputationGraph dl4j =
                KerasModelImport.importKerasModelAndWeights(Fixtures.file("keras-resnet.h5").toString(), false);
        final float[][] in = Fixtures.input("keras-resnet");
        final INDArray x = Nd4j.create(in).castTo(DataType.FLOAT).reshape('c', in.length, 2, 6, 6).permute(0, 2, 3, 1).dup('c');
        final INDArray out = dl4j.outputSingle(x);
        final float[][] expected = Fixtures.output("keras-resnet");
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(expected[i], out.getRow(i).toFloatVector(), 1e-5f, "example " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-mlp", "keras-cnn", "keras-binary", "keras-regression"})
    void dl4jsKerasImporterReadsTheFixtureToItsReferenceOutput(final String model) throws Exception {
        final MultiLayerNetwork dl4j = KerasModelImport.importKerasSequentialModelAndWeights(Fixtures.file(model + ".h5").toString(), false);
        final float[][] in = Fixtures.input(model);
        INDArray x = Nd4j.create(in).castTo(DataType.FLOAT);
        if (model.endsWith("cnn") || model.endsWith("binary")) {
            // The fixture's rows are dln's [channels, height, width]; a channels-last Keras model takes [height, width, channels].
            final int side = model.endsWith("cnn") ? 6 : 5;
            x = x.reshape('c', in.length, 2, side, side).permute(0, 2, 3, 1).dup('c');
        }
        final INDArray out = dl4j.output(x);
        final float[][] expected = Fixtures.output(model);
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(expected[i], out.getRow(i).toFloatVector(), 1e-5f, model + " example " + i);
        }
    }
}

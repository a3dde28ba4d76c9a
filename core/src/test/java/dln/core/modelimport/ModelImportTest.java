package dln.core.modelimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.DirectNetwork;
import dln.core.model.LayerSpec;
import dln.core.model.TrainingSpec;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each fixture imports to the network its exporter ran, trains a step from its weights; unsupported layers are refused in one line. */
class ModelImportTest {

    @ParameterizedTest
    @CsvSource({"keras-mlp, .h5", "keras-functional, .h5", "keras-cnn, .h5", "keras-mnist, .h5", "onnx-mlp, .onnx", "onnx-cnn, .onnx", "onnx-mnist, .onnx"})
    void theImportedNetworkGivesTheExportersOutputAndTrainsFromTheImportedWeights(final String model, final String ext) throws Exception {
        final ImportedModel m = ModelImport.read(Fixtures.file(model + ext));
        final ArchitecturePlan plan = m.plan();
        assertEquals(plan.parameterCount(), m.weights().length);
        final float[][] in = Fixtures.input(model);
        final float[][] expected = Fixtures.output(model);
        final float[][] got = predict(plan, m.weights(), in);
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(expected[i], got[i], 1e-5f, model + " example " + i);
        }
        // One local step with dln's engine, from the imported weights.
        final Dataset data = Fixtures.synthetic(plan.inputSize(), plan.numClasses(), 16, 3);
        final TrainingResult r = new LocalTrainer(plan).train(m.weights(), data, new TrainingSpec("sgd", 0.1, 16, 1, 0), 5, new TrainingListener() { });
        assertTrue(Double.isFinite(r.finalLoss()), "a finite training loss");
        assertFalse(java.util.Arrays.equals(m.weights(), r.params()), "the step moved the weights");
    }

    @Test
    void theMappedSpecsAreTheExportedLayers() throws Exception {
        final List<LayerSpec> cnn = List.of(LayerSpec.conv2d(3, 3, 1, "relu"), LayerSpec.maxpool(2, 2), LayerSpec.dense(5, "tanh"), LayerSpec.output(3));
        assertEquals(List.of(2, 6, 6), ModelImport.read(Fixtures.file("keras-cnn.h5")).architecture().input(), "channels-last [6, 6, 2] becomes [2, 6, 6]");
        assertEquals(cnn, ModelImport.read(Fixtures.file("keras-cnn.h5")).architecture().layers());
        assertEquals(cnn, ModelImport.read(Fixtures.file("onnx-cnn.onnx")).architecture().layers());
        assertEquals(List.of(LayerSpec.dense(8, "relu"), LayerSpec.output(3)), ModelImport.read(Fixtures.file("onnx-mlp.onnx")).architecture().layers());
    }

    @Test
    void aChannelsLastFlattenReordersTheDenseRowsToChannelsHeightWidth() {
        // Image [C=2, H=2, W=3]; a dense kernel routing Keras's flat position j to unit j.
        final SpecAssembler a = new SpecAssembler("routing.h5");
        a.input(List.of(2, 2, 3));
        a.flatten(true);
        a.dense(12, "identity", Nd4j.eye(12).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), null);
        a.activation("softmax");
        final float[] w = a.build("test").weights();
        for (int c = 0; c < 2; c++) {
            for (int h = 0; h < 2; h++) {
                for (int x = 0; x < 3; x++) {
                    final int dlnRow = (c * 2 + h) * 3 + x;
                    final int kerasUnit = (h * 3 + x) * 2 + c;
                    for (int j = 0; j < 12; j++) {
                        assertEquals(j == kerasUnit ? 1f : 0f, w[dlnRow * 12 + j], "row (c,h,w)=(" + c + "," + h + "," + x + ") unit " + j);
                    }
                }
            }
        }
        // Channels-first (ONNX, Keras channels_first) is dln's order: no reordering.
        final SpecAssembler b = new SpecAssembler("routing.onnx");
        b.input(List.of(2, 2, 3));
        b.flatten(false);
        b.dense(12, "identity", Nd4j.eye(12).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), null);
        b.activation("softmax");
        assertArrayEquals(Nd4j.eye(12).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat(),
                java.util.Arrays.copyOf(b.build("test").weights(), 144));
    }

    @Test
    void aKerasLayerDlnLacksIsRefusedInOneLineNamingIt() {
        final UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> ModelImport.read(Fixtures.file("keras-lstm.h5")));
        assertTrue(e.getMessage().startsWith("keras-lstm.h5: layer 1 'lstm' (LSTM) is not supported by dln (it maps "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void anOnnxOperatorDlnLacksOrAPaddedConvIsRefusedNamingIt(@TempDir final Path dir) throws Exception {
        final Path lstm = dir.resolve("rnn.onnx");
        Files.write(lstm, OnnxGraphs.oneNode("LSTM", onnx.Onnx.AttributeProto.newBuilder().setName("hidden_size").setI(4)
                .setType(onnx.Onnx.AttributeProto.AttributeType.INT).build()).toByteArray());
        assertEquals("rnn.onnx: layer 0 'lstm_0' (LSTM) is not supported by dln (it maps Add, Conv, Flatten, Gemm, MatMul, MaxPool, Relu, "
                + "Sigmoid, Softmax, Tanh)", assertThrows(UnsupportedModelException.class, () -> ModelImport.read(lstm)).getMessage());
        final Path padded = dir.resolve("padded.onnx");
        Files.write(padded, OnnxGraphs.oneNode("MaxPool",
                onnx.Onnx.AttributeProto.newBuilder().setName("kernel_shape").addInts(2).addInts(2).setType(onnx.Onnx.AttributeProto.AttributeType.INTS).build(),
                onnx.Onnx.AttributeProto.newBuilder().setName("pads").addAllInts(List.of(1L, 1L, 1L, 1L)).setType(onnx.Onnx.AttributeProto.AttributeType.INTS).build())
                .toByteArray());
        assertEquals("padded.onnx: layer 0 'maxpool_0' (MaxPool): padding (auto_pad NOTSET, pads [1, 1, 1, 1]) is not supported yet (valid only)",
                assertThrows(UnsupportedModelException.class, () -> ModelImport.read(padded)).getMessage());
    }

    @Test
    void aFileOfNoKnownFormatIsRefusedInOneLine(@TempDir final Path dir) throws Exception {
        final Path text = dir.resolve("model.txt");
        Files.writeString(text, "not a model");
        assertEquals("model.txt: unknown model format; give a Keras HDF5 (.h5) or an ONNX (.onnx) file",
                assertThrows(UnsupportedModelException.class, () -> ModelImport.read(text)).getMessage());
        final Path fake = dir.resolve("fake.onnx");
        Files.writeString(fake, "not protobuf at all \u0001\u0002");
        assertTrue(assertThrows(UnsupportedModelException.class, () -> ModelImport.read(fake)).getMessage().startsWith("fake.onnx: not an ONNX model"));
    }

    @Test
    void aModelEndingInLogitsIsRefusedSayingWhy(@TempDir final Path dir) throws Exception {
        final Path logits = dir.resolve("logits.onnx");
        Files.write(logits, OnnxGraphs.logits().toByteArray());
        assertEquals("logits.onnx: the model must end in a softmax after a dense layer (dln's output layer is a softmax with "
                + "cross-entropy); its last layer maps to dense", assertThrows(UnsupportedModelException.class, () -> ModelImport.read(logits)).getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedInOneLine(@TempDir final Path dir) throws Exception {
        final Path fake = dir.resolve("model.h5");
        Files.writeString(fake, "not an HDF5 file");
        final String message = assertThrows(UnsupportedModelException.class, () -> ModelImport.read(fake)).getMessage();
        assertTrue(message.startsWith("model.h5: not an HDF5 file"), message);
        assertFalse(message.contains("\n"), message);
    }

    /** Class probabilities of dln's network for {@code rows}. */
    static float[][] predict(final ArchitecturePlan plan, final float[] weights, final float[][] rows) {
        final float[] x = new float[rows.length * plan.inputSize()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, x, i * plan.inputSize(), plan.inputSize());
        }
        final Dataset d = new Dataset(x, new int[rows.length], plan.inputSize(), plan.numClasses());
        final int[] order = java.util.stream.IntStream.range(0, rows.length).toArray();
        final INDArray p = DirectNetwork.of(plan, weights).predict(d, order, 0, rows.length);
        final float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = p.getRow(i).toFloatVector();
        }
        return out;
    }
}

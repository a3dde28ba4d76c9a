package dln.core.modelimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.Head;
import dln.core.model.LayerSpec;
import dln.core.model.Network;
import dln.core.model.ParamSpec;
import dln.core.model.SameDiffNetwork;
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
    @CsvSource({"keras-mlp, .h5", "keras-functional, .h5", "keras-cnn, .h5", "keras-mnist, .h5", "onnx-mlp, .onnx", "onnx-cnn, .onnx", "onnx-mnist, .onnx",
            "keras-resnet, .h5", "keras-binary, .h5", "keras-regression, .h5", "onnx-resnet, .onnx", "onnx-binary, .onnx", "onnx-regression, .onnx",
            "keras-embedding, .h5"})
    void theImportedNetworkGivesTheExportersOutputAndTrainsFromTheImportedWeights(final String model, final String ext) throws Exception {
        final ImportedModel m = ModelImport.read(Fixtures.file(model + ext));
        final ArchitecturePlan plan = m.plan();
        assertEquals(plan.parameterCount(), m.weights().length);
        final float[][] in = Fixtures.input(model);
        final float[][] expected = Fixtures.output(model);
        // In inference mode: batch norm by the imported running statistics, no dropout.
        final float[][] got = predict(plan, m.weights(), in);
        for (int i = 0; i < in.length; i++) {
            assertArrayEquals(expected[i], got[i], 1e-5f, model + " example " + i);
        }
        // One local step with dln's engine, from the imported weights.
        final float[] trained;
        if (plan.head().kind() == Head.Kind.REGRESSION) {
            final Dataset x = Fixtures.synthetic(plan.inputSize(), 2, 16, 3);
            final SameDiffNetwork net = SameDiffNetwork.build(plan, m.weights());
            final SameDiffNetwork.Step step = net.trainingStep(Nd4j.create(x.features(), new long[]{16, plan.inputSize()}, 'c'),
                    Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, plan.outputUnits()), new java.util.Random(5));
            assertTrue(Double.isFinite(step.loss()), "a finite training loss");
            assertTrue(step.gradients().values().stream().anyMatch(g -> g.amaxNumber().doubleValue() > 0), "a gradient");
            trained = null;
        } else {
            final Dataset data = categories(Fixtures.synthetic(plan.inputSize(), plan.numClasses(), 16, 3), plan);
            final TrainingResult r = new LocalTrainer(plan).train(m.weights(), data, new TrainingSpec("sgd", 0.1, 16, 1, 0), 5, new TrainingListener() { });
            assertTrue(Double.isFinite(r.finalLoss()), "a finite training loss");
            trained = r.params();
            assertFalse(java.util.Arrays.equals(m.weights(), trained), "the step moved the weights");
        }
        if (trained != null && plan.hasTrainingMode()) {
            // The running statistics start at the imported ones and move with the step.
            for (final ParamSpec p : plan.params()) {
                if (p.role() == ParamSpec.Role.RUNNING_MEAN) {
                    assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(m.weights(), p.arrayOffset(), p.arrayOffset() + p.arrayLength()),
                            java.util.Arrays.copyOfRange(trained, p.arrayOffset(), p.arrayOffset() + p.arrayLength())), p.name());
                }
            }
        }
    }

    @Test
    void theMappedSpecsAreTheExportedLayers() throws Exception {
        final List<LayerSpec> cnn = List.of(LayerSpec.conv2d(3, 3, 1, "relu"), LayerSpec.maxpool(2, 2), LayerSpec.dense(5, "tanh"), LayerSpec.output(3));
        assertEquals(List.of(2, 6, 6), ModelImport.read(Fixtures.file("keras-cnn.h5")).architecture().input(), "channels-last [6, 6, 2] becomes [2, 6, 6]");
        assertEquals(cnn, ModelImport.read(Fixtures.file("keras-cnn.h5")).architecture().layers());
        assertEquals(cnn, ModelImport.read(Fixtures.file("onnx-cnn.onnx")).architecture().layers());
        assertEquals(List.of(LayerSpec.dense(8, "relu"), LayerSpec.output(3)), ModelImport.read(Fixtures.file("onnx-mlp.onnx")).architecture().layers());
        // PyTorch's residual CNN: symmetric pads are same padding here, its batch norm momentum 0.01 is dln's 0.99, the skip adds layer 1.
        assertEquals(List.of(LayerSpec.conv2dSame(4, 3, 1, "identity"), batchNorm(null, null, "relu"), LayerSpec.conv2dSame(4, 3, 1, "identity"),
                batchNorm(0.99, 0.001, null), LayerSpec.add(1, "relu"), LayerSpec.conv2dSame(5, 3, 2, "relu"), LayerSpec.avgpool(2, 1),
                LayerSpec.globalAvgPool(), LayerSpec.output(3)), ModelImport.read(Fixtures.file("onnx-resnet.onnx")).architecture().layers());
        // Keras's: its batch norm defaults written out, a dropout, the last dense's sigmoid on one unit is the binary head.
        assertEquals(List.of(LayerSpec.conv2d(3, 3, 1, "relu"), pool("maxpool", 3, 2), LayerSpec.flatten(), batchNorm(0.99, 0.001, null),
                LayerSpec.dropout(0.5), LayerSpec.sigmoidOutput(0.5)), ModelImport.read(Fixtures.file("keras-binary.h5")).architecture().layers());
        // Keras's one table shared by the four columns: one copy per column in dln.
        final ImportedModel embedding = ModelImport.read(Fixtures.file("keras-embedding.h5"));
        assertEquals(LayerSpec.embedding(List.of(0, 1, 2, 3), List.of(7, 7, 7, 7), 3), embedding.architecture().layers().get(0));
        assertArrayEquals(java.util.Arrays.copyOfRange(embedding.weights(), 0, 21), java.util.Arrays.copyOfRange(embedding.weights(), 63, 84));
        assertEquals(List.of(LayerSpec.reshape(List.of(1, 4, 4)), LayerSpec.conv2dSame(3, 3, 1, "relu"), LayerSpec.globalMaxPool(),
                LayerSpec.dense(6, "tanh"), LayerSpec.regressionOutput(2)), ModelImport.read(Fixtures.file("keras-regression.h5")).architecture().layers());
    }

    private static LayerSpec batchNorm(final Double momentum, final Double epsilon, final String activation) {
        return new LayerSpec("batchnorm", null, null, null, null, activation, null, null, null, null, null, null, null, null, momentum, epsilon);
    }

    private static LayerSpec pool(final String type, final int kernel, final int stride) {
        return new LayerSpec(type, null, null, kernel, stride, null, null, "same", null, null, null, null, null, null, null, null);
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
        assertEquals("rnn.onnx: layer 0 'lstm_0' (LSTM) is not supported by dln (it maps Add, AveragePool, BatchNormalization, Conv, "
                + "Dropout, Flatten, Gemm, GlobalAveragePool, GlobalMaxPool, Identity, MatMul, MaxPool, Relu, Reshape, Sigmoid, Softmax, Tanh)", assertThrows(UnsupportedModelException.class, () -> ModelImport.read(lstm)).getMessage());
        final Path padded = dir.resolve("padded.onnx");
        Files.write(padded, OnnxGraphs.oneNode("MaxPool",
                onnx.Onnx.AttributeProto.newBuilder().setName("kernel_shape").addInts(2).addInts(2).setType(onnx.Onnx.AttributeProto.AttributeType.INTS).build(),
                onnx.Onnx.AttributeProto.newBuilder().setName("pads").addAllInts(List.of(1L, 1L, 1L, 1L)).setType(onnx.Onnx.AttributeProto.AttributeType.INTS).build())
                .toByteArray());
        assertEquals("padded.onnx: layer 0 'maxpool_0' (MaxPool): padding (auto_pad NOTSET, pads [1, 1, 1, 1]) on a 4x4 input with kernel 2 "
                        + "and stride 1 matches neither valid nor same padding (TensorFlow's: the odd zero at the bottom/right)",
                assertThrows(UnsupportedModelException.class, () -> ModelImport.read(padded)).getMessage());
    }

    @Test
    void pytorchsSymmetricPadsAtStrideTwoOnAnEvenSizeAreRefusedNamingTheLayer() {
        assertEquals("onnx-pads.onnx: layer 0 '/0/Conv' (Conv): padding (auto_pad NOTSET, pads [1, 1, 1, 1]) on a 6x6 input with kernel 3 and "
                        + "stride 2 matches neither valid nor same padding (TensorFlow's: the odd zero at the bottom/right)",
                assertThrows(UnsupportedModelException.class, () -> ModelImport.read(Fixtures.file("onnx-pads.onnx"))).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // PyTorch's symmetric pad 1 at stride 2 on an even size starts its windows one row higher than TensorFlow's same.
            "NOTSET; 1 1 1 1; 3; 2; refused",
            // On 4x4 with kernel 3 at stride 1, TensorFlow pads one zero each side: PyTorch's padding=1.
            "NOTSET; 1 1 1 1; 3; 1; same",
            // Kernel 2 at stride 1: the one zero goes at the bottom/right (SAME_UPPER), not the top (SAME_LOWER).
            "SAME_UPPER; 0 0 0 0; 2; 1; same",
            "SAME_LOWER; 0 0 0 0; 2; 1; refused",
            // TensorFlow's same written out as pads: its one zero at the bottom/right.
            "NOTSET; 0 0 1 1; 3; 2; same",
            // A pad the windows never reach: valid.
            "NOTSET; 0 0 1 1; 2; 2; valid"})
    void onnxPadsAreDlnsValidOrSamePaddingOrRefused(final String auto, final String pads, final int kernel, final int stride, final String dln) {
        final SpecAssembler into = new SpecAssembler("p.onnx");
        into.input(List.of(1, 4, 4));
        into.at(0, "pool", "MaxPool");
        final onnx.Onnx.NodeProto.Builder node = onnx.Onnx.NodeProto.newBuilder().setOpType("MaxPool").addInput("x").addOutput("y")
                .addAttribute(ints("kernel_shape", kernel, kernel)).addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", java.util.Arrays.stream(pads.split(" ")).mapToLong(Long::parseLong).toArray()))
                .addAttribute(onnx.Onnx.AttributeProto.newBuilder().setName("auto_pad").setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8(auto))
                        .setType(onnx.Onnx.AttributeProto.AttributeType.STRING));
        final Runnable map = () -> OnnxLayers.of("MaxPool").map(new OnnxNode(node.build(), java.util.Map.of(), null), into);
        if ("refused".equals(dln)) {
            assertTrue(assertThrows(UnsupportedModelException.class, map::run).getMessage().contains("matches neither valid nor same padding"));
        } else {
            map.run();
            final int size = "same".equals(dln) ? (4 + stride - 1) / stride : (4 - kernel) / stride + 1;
            assertEquals(List.of(1, size, size), into.shape(), auto + " " + pads);
        }
    }

    private static onnx.Onnx.AttributeProto ints(final String name, final long... values) {
        final onnx.Onnx.AttributeProto.Builder a = onnx.Onnx.AttributeProto.newBuilder().setName(name).setType(onnx.Onnx.AttributeProto.AttributeType.INTS);
        for (final long v : values) {
            a.addInts(v);
        }
        return a.build();
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
    void aLastDenseLayerChoosesTheHeadAndAnyOtherEndingIsRefused(@TempDir final Path dir) throws Exception {
        // A PyTorch Linear without an activation: the regression head (a classifier trained on logits needs its softmax exported).
        final Path logits = dir.resolve("logits.onnx");
        Files.write(logits, OnnxGraphs.logits().toByteArray());
        assertEquals(LayerSpec.regressionOutput(3), ModelImport.read(logits).architecture().layers().get(0));
        final SpecAssembler relu = new SpecAssembler("relu.h5");
        relu.input(List.of(3));
        relu.dense(2, "relu", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 2), null);
        assertEquals("relu.h5: the model ends in a dense layer of 2 units with relu; dln's heads are a softmax (classes), a sigmoid on one "
                + "unit (binary) and no activation (regression)", assertThrows(UnsupportedModelException.class, () -> relu.build("test")).getMessage());
        final SpecAssembler pool = new SpecAssembler("pool.onnx");
        pool.input(List.of(2, 4, 4));
        pool.globalPool("globalavgpool");
        assertEquals("pool.onnx: the model must end in a dense layer with a softmax (classes), a sigmoid on one unit (binary) or no activation "
                + "(regression); its last layer maps to globalavgpool", assertThrows(UnsupportedModelException.class, () -> pool.build("test")).getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsRefusedInOneLine(@TempDir final Path dir) throws Exception {
        final Path fake = dir.resolve("model.h5");
        Files.writeString(fake, "not an HDF5 file");
        final String message = assertThrows(UnsupportedModelException.class, () -> ModelImport.read(fake)).getMessage();
        assertTrue(message.startsWith("model.h5: not an HDF5 file"), message);
        assertFalse(message.contains("\n"), message);
    }

    /** {@code d} with an embedding's columns holding category indices (the synthetic features' signs, 0 or 1). */
    private static Dataset categories(final Dataset d, final ArchitecturePlan plan) {
        final LayerSpec first = plan.layers().get(0).spec();
        if (!"embedding".equals(first.type())) {
            return d;
        }
        final float[] x = d.features().clone();
        for (int i = 0; i < d.size(); i++) {
            for (final int c : first.columns()) {
                x[i * d.numFeatures() + c] = x[i * d.numFeatures() + c] > 0 ? 1 : 0;
            }
        }
        return new Dataset(x, d.labels(), d.numFeatures(), d.numClasses());
    }

    /** The head's outputs of dln's network for {@code rows}, in inference mode. */
    static float[][] predict(final ArchitecturePlan plan, final float[] weights, final float[][] rows) {
        final float[] x = new float[rows.length * plan.inputSize()];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, x, i * plan.inputSize(), plan.inputSize());
        }
        final Dataset d = new Dataset(x, new int[rows.length], plan.inputSize(), Math.max(plan.numClasses(), 2));
        final int[] order = java.util.stream.IntStream.range(0, rows.length).toArray();
        final INDArray p = Network.of(plan, weights).predict(d, order, 0, rows.length);
        final float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = p.getRow(i).toFloatVector();
        }
        return out;
    }
}

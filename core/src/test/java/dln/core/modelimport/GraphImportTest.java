package dln.core.modelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The graph a reader follows (skip connections into an add) and the mappings the fixtures do not reach, each refusal in one line. */
class GraphImportTest {

    private static SpecAssembler image(final String file) {
        final SpecAssembler a = new SpecAssembler(file);
        a.input(List.of(2, 4, 4));
        return a;
    }

    private static void conv(final SpecAssembler a) {
        a.conv2d(2, 3, 1, "same", Nd4j.zeros(DataType.FLOAT, 3, 3, 2, 2), null);
    }

    @Test
    void anAddTakesThePreviousOutputAndOneEarlierOutputInEitherOrder() {
        final SpecAssembler a = image("m.onnx");
        final SourceOutputs outputs = new SourceOutputs(a, "x");
        a.at(0, "c0", "Conv");
        outputs.from(List.of("x"), false);
        conv(a);
        outputs.produced("c0");
        a.at(1, "c1", "Conv");
        outputs.from(List.of("c0"), false);
        conv(a);
        outputs.produced("c1");
        a.at(2, "sum", "Add");
        assertEquals(0, outputs.from(List.of("c0", "c1"), true));
        assertEquals(0, outputs.from(List.of("c1", "c0"), true));
        assertEquals("m.onnx: layer 2 'sum' (Add): adds the model's input 'x'; dln's add takes an earlier layer's output",
                assertThrows(UnsupportedModelException.class, () -> outputs.from(List.of("c1", "x"), true)).getMessage());
        assertEquals("m.onnx: layer 2 'sum' (Add): adds [c0, c0]; dln's add takes the previous layer's output 'c1' and one earlier output",
                assertThrows(UnsupportedModelException.class, () -> outputs.from(List.of("c0", "c0"), true)).getMessage());
        // A branch that is not a skip into an add (a projection shortcut: a second conv on c0).
        assertEquals("m.onnx: layer 2 'sum' (Add): takes [c0], not the previous layer's output 'c1': dln imports a chain of layers whose only "
                + "branches are skip connections into an add", assertThrows(UnsupportedModelException.class, () -> outputs.from(List.of("c0"), false)).getMessage());
    }

    @Test
    void anAddOfAnOutputAnActivationWasFoldedIntoLaterIsRefused() {
        // c0 = conv(x); r = relu(c0); s = add(c0, conv(r)): dln's layer 0 outputs relu(c0), not c0.
        final SpecAssembler a = image("m.onnx");
        final SourceOutputs outputs = new SourceOutputs(a, "x");
        conv(a);
        outputs.produced("c0");
        a.activation("relu");
        outputs.produced("r");
        conv(a);
        outputs.produced("c1");
        a.at(3, "s", "Add");
        assertEquals("m.onnx: layer 3 's' (Add): adds 'c0', which dln's layer 0 no longer outputs (a later activation or bias was folded into it)",
                assertThrows(UnsupportedModelException.class, () -> outputs.from(List.of("c0", "c1"), true)).getMessage());
        assertEquals(0, outputs.from(List.of("r", "c1"), true));
    }

    @Test
    void anOnnxDropoutTakesItsRatioFromTheInputOrTheAttribute() {
        final SpecAssembler a = new SpecAssembler("d.onnx");
        a.input(List.of(3));
        final Onnx.TensorProto ratio = Onnx.TensorProto.newBuilder().setName("ratio").setDataType(1).addFloatData(0.3f).build();
        OnnxLayers.of("Dropout").map(new OnnxNode(Onnx.NodeProto.newBuilder().setOpType("Dropout").addInput("x").addInput("ratio")
                .addOutput("y").build(), Map.of("ratio", ratio), null), a);
        OnnxLayers.of("Dropout").map(new OnnxNode(Onnx.NodeProto.newBuilder().setOpType("Dropout").addInput("y").addOutput("z")
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("ratio").setF(0.1f).setType(Onnx.AttributeProto.AttributeType.FLOAT))
                .build(), Map.of(), null), a);
        a.dense(2, "identity", Nd4j.zeros(DataType.FLOAT, 3, 2), null);
        assertEquals(List.of(0.3, 0.1), a.build("test").architecture().layers().subList(0, 2).stream().map(l -> l.rate()).toList());
    }

    @Test
    void aChannelsLastReshapeOfAFlatVectorToSeveralChannelsIsRefusedButOneThatUndoesAFlattenIsNot() {
        final SpecAssembler flat = new SpecAssembler("r.h5");
        flat.input(List.of(12));
        flat.at(0, "reshape", "Reshape");
        assertEquals("r.h5: layer 0 'reshape' (Reshape): a channels-last reshape of a flat vector to an image [2, 2, 3] orders it height, width, "
                + "channels; dln's reshape orders channels, height, width (supported with one channel, or to undo a Flatten)",
                assertThrows(UnsupportedModelException.class, () -> flat.reshape(List.of(3, 2, 2), true)).getMessage());
        final SpecAssembler undo = image("u.h5");
        undo.flatten(true);
        undo.reshape(List.of(2, 4, 4), true);
        conv(undo);
        assertEquals(List.of(2, 4, 4), undo.shape());
    }

    @Test
    void aDenseLayerOnAnEmbeddingsSequenceNeedsAFlatten() {
        final SpecAssembler a = new SpecAssembler("e.h5");
        a.input(List.of(4));
        a.embedding(Nd4j.zeros(DataType.FLOAT, 7, 3));
        a.at(1, "dense", "Dense");
        assertEquals("e.h5: layer 1 'dense' (Dense): a dense layer on a sequence (the source applies it per position; dln would flatten first): "
                + "add a Flatten before it", assertThrows(UnsupportedModelException.class,
                () -> a.dense(2, "identity", Nd4j.zeros(DataType.FLOAT, 12, 2), null)).getMessage());
        a.flatten(true);
        a.dense(2, "identity", Nd4j.zeros(DataType.FLOAT, 12, 2), null);
        assertEquals(List.of(2), a.shape());
    }
}

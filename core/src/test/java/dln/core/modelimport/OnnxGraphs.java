package dln.core.modelimport;

import onnx.Onnx;

/** Small ONNX models built in the test, for the refusals no exporter would write. */
final class OnnxGraphs {
    private OnnxGraphs() {
    }

    /** A model of one {@code op} node on a [batch, 1, 4, 4] input. */
    static Onnx.ModelProto oneNode(final String op, final Onnx.AttributeProto... attributes) {
        final Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1)
                .setShape(Onnx.TensorShapeProto.newBuilder()
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(4))
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(4)))).build();
        final Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_0").addInput("x").addOutput("y");
        for (final Onnx.AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(Onnx.GraphProto.newBuilder().setName("g")
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("x").setType(type)).addNode(node)).build();
    }
}

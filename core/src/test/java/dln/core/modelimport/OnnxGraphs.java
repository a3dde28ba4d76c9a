package dln.core.modelimport;

import onnx.Onnx;

/** Small ONNX models built in the test, for the refusals no exporter would write. */
final class OnnxGraphs {
    private OnnxGraphs() {
    }

    /** A PyTorch-style Linear(4, 3) without a softmax: its output is logits. */
    static Onnx.ModelProto logits() {
        final Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1)
                .setShape(Onnx.TensorShapeProto.newBuilder()
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(4)))).build();
        final Onnx.TensorProto.Builder w = Onnx.TensorProto.newBuilder().setName("w").setDataType(1).addDims(3).addDims(4);
        for (int i = 0; i < 12; i++) {
            w.addFloatData(i);
        }
        final Onnx.TensorProto b = Onnx.TensorProto.newBuilder().setName("b").setDataType(1).addDims(3).addFloatData(0).addFloatData(0)
                .addFloatData(0).build();
        final Onnx.NodeProto gemm = Onnx.NodeProto.newBuilder().setOpType("Gemm").setName("fc").addInput("x").addInput("w").addInput("b")
                .addOutput("y").addAttribute(Onnx.AttributeProto.newBuilder().setName("transB").setI(1)
                        .setType(Onnx.AttributeProto.AttributeType.INT)).build();
        return Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(Onnx.GraphProto.newBuilder().setName("g").addInitializer(w)
                .addInitializer(b).addInput(Onnx.ValueInfoProto.newBuilder().setName("x").setType(type)).addNode(gemm)).build();
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

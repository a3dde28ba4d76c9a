package dln.core.modelimport;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One ONNX node with the graph's constant tensors (initializers and Constant nodes) it may take
 * as weights.
 *
 * @param node      the node
 * @param constants constant tensors by name
 * @param from      for an add of two tensors, the dln layer whose output it adds to the previous one; else null
 */
record OnnxNode(Onnx.NodeProto node, Map<String, Onnx.TensorProto> constants, Integer from) {

    /** The operator ("Gemm", "Conv"). */
    String op() {
        return node.getOpType();
    }

    private Onnx.AttributeProto attribute(final String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElse(null);
    }

    /** An integer attribute, or {@code otherwise}. */
    long integer(final String name, final long otherwise) {
        final Onnx.AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getI();
    }

    /** A float attribute, or {@code otherwise}. */
    float real(final String name, final float otherwise) {
        final Onnx.AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getF();
    }

    /** A string attribute, or {@code otherwise}. */
    String text(final String name, final String otherwise) {
        final Onnx.AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getS().toStringUtf8();
    }

    /** An integer-list attribute, or {@code otherwise}. */
    List<Long> integers(final String name, final List<Long> otherwise) {
        final Onnx.AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getIntsList();
    }

    /** A square size from a two-value list attribute, refused when the two differ. */
    int square(final String name, final List<Long> otherwise, final SpecAssembler into) {
        final List<Long> v = integers(name, otherwise);
        if (v == null || v.size() != 2 || !v.get(0).equals(v.get(1))) {
            throw into.refuse(name + " " + v + " is not square (dln takes square kernels and equal strides)");
        }
        return Math.toIntExact(v.get(0));
    }

    /** Input {@code i} as a constant tensor, or null when the node has no such input. */
    INDArray constant(final int i, final SpecAssembler into) {
        if (node.getInputCount() <= i || node.getInput(i).isEmpty()) {
            return null;
        }
        final Onnx.TensorProto t = constants.get(node.getInput(i));
        if (t == null) {
            throw into.refuse("input '" + node.getInput(i) + "' is not a constant weight tensor");
        }
        return tensor(t, into);
    }

    /** True when input {@code i} is a constant tensor. */
    boolean isConstant(final int i) {
        return node.getInputCount() > i && constants.containsKey(node.getInput(i));
    }

    /** Input {@code i} as a constant int64 tensor's values (a Reshape's shape), or null when the node has no such input. */
    long[] integers(final int i, final SpecAssembler into) {
        if (node.getInputCount() <= i || node.getInput(i).isEmpty()) {
            return null;
        }
        final Onnx.TensorProto t = constants.get(node.getInput(i));
        if (t == null || t.getDataType() != Onnx.TensorProto.DataType.INT64.getNumber()) {
            throw into.refuse("input '" + node.getInput(i) + "' is not a constant int64 tensor");
        }
        if (!t.getRawData().isEmpty()) {
            final long[] v = new long[t.getRawData().size() / Long.BYTES];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
            return v;
        }
        return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    private static INDArray tensor(final Onnx.TensorProto t, final SpecAssembler into) {
        if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT.getNumber()) {
            throw into.refuse("weight '" + t.getName() + "' is of ONNX data type " + t.getDataType() + ", dln takes float32");
        }
        final long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        final float[] values;
        if (!t.getRawData().isEmpty()) {
            values = new float[t.getRawData().size() / Float.BYTES];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }
}

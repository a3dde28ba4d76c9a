package dln.core.modelimport;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ONNX table: each operator dln can reproduce and what it becomes. An operator dln gains is
 * one entry here. ONNX is channels-first like dln, so Flatten needs no reordering; a Gemm's
 * [out, in] matrix (transB = 1, as PyTorch exports a Linear) is transposed to dln's [in, out],
 * and a Conv's [out, in, kH, kW] kernel permuted to [kH, kW, in, out].
 */
final class OnnxLayers {
    private static final Map<String, LayerMapping<OnnxNode>> TABLE = new TreeMap<>(Map.of(
            "Gemm", OnnxLayers::gemm,
            "MatMul", (n, into) -> into.dense(Math.toIntExact(weight(n, 1, into).size(1)), "identity", weight(n, 1, into), null),
            "Add", (n, into) -> into.addBias(weight(n, 1, into)),
            "Conv", OnnxLayers::conv,
            "MaxPool", OnnxLayers::maxPool,
            "Flatten", OnnxLayers::flatten,
            "Relu", (n, into) -> into.activation("relu"),
            "Tanh", (n, into) -> into.activation("tanh"),
            "Sigmoid", (n, into) -> into.activation("sigmoid"),
            "Softmax", (n, into) -> into.activation("softmax")));

    private OnnxLayers() {
    }

    /** The mapping of an operator, or null when dln has none. */
    static LayerMapping<OnnxNode> of(final String op) {
        return TABLE.get(op);
    }

    /** The operators dln maps, for the refusal message. */
    static String supported() {
        return String.join(", ", TABLE.keySet());
    }

    private static void gemm(final OnnxNode n, final SpecAssembler into) {
        if (n.integer("transA", 0) != 0 || n.real("alpha", 1f) != 1f || n.real("beta", 1f) != 1f) {
            throw into.refuse("only Gemm with transA = 0, alpha = 1 and beta = 1 is a dense layer");
        }
        final INDArray b = weight(n, 1, into);
        final INDArray w = n.integer("transB", 0) == 1 ? b.transpose().dup('c') : b;
        into.dense(Math.toIntExact(w.size(1)), "identity", w, n.constant(2, into));
    }

    private static void conv(final OnnxNode n, final SpecAssembler into) {
        valid(n, into);
        if (n.integer("group", 1) != 1 || n.square("dilations", List.of(1L, 1L), into) != 1) {
            throw into.refuse("grouped or dilated convolution is not supported");
        }
        final INDArray w = weight(n, 1, into);
        if (w.rank() != 4) {
            throw into.refuse("only 2-D convolution is supported, its kernel has shape " + java.util.Arrays.toString(w.shape()));
        }
        final int k = n.square("kernel_shape", List.of(w.size(2), w.size(3)), into);
        into.conv2d(Math.toIntExact(w.size(0)), k, n.square("strides", List.of(1L, 1L), into), "identity",
                w.permute(2, 3, 1, 0).dup('c'), n.constant(2, into));
    }

    private static void maxPool(final OnnxNode n, final SpecAssembler into) {
        valid(n, into);
        if (n.integer("ceil_mode", 0) != 0) {
            throw into.refuse("ceil_mode 1 is not supported (dln's pooling rounds down)");
        }
        into.maxpool(n.square("kernel_shape", null, into), n.square("strides", List.of(1L, 1L), into));
    }

    private static void flatten(final OnnxNode n, final SpecAssembler into) {
        if (n.integer("axis", 1) != 1) {
            throw into.refuse("only Flatten with axis 1 (keep the batch, flatten the rest) is supported");
        }
        into.flatten(false);
    }

    private static void valid(final OnnxNode n, final SpecAssembler into) {
        final String auto = n.text("auto_pad", "NOTSET");
        final boolean zeroPads = n.integers("pads", List.of()).stream().allMatch(p -> p == 0);
        if (!(("NOTSET".equals(auto) && zeroPads) || "VALID".equals(auto))) {
            throw into.refuse("padding (auto_pad " + auto + ", pads " + n.integers("pads", List.of()) + ") is not supported yet (valid only)");
        }
    }

    private static INDArray weight(final OnnxNode n, final int input, final SpecAssembler into) {
        final INDArray w = n.constant(input, into);
        if (w == null) {
            throw into.refuse("has no weight input " + input);
        }
        return w;
    }
}

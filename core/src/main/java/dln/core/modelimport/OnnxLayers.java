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
    private static final Map<String, LayerMapping<OnnxNode>> TABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("Gemm", OnnxLayers::gemm),
            Map.entry("MatMul", (n, into) -> into.dense(Math.toIntExact(weight(n, 1, into).size(1)), "identity", weight(n, 1, into), null)),
            Map.entry("Add", OnnxLayers::add),
            Map.entry("Conv", OnnxLayers::conv),
            Map.entry("MaxPool", (n, into) -> pool(n, "maxpool", into)),
            Map.entry("AveragePool", (n, into) -> pool(n, "avgpool", into)),
            Map.entry("GlobalAveragePool", (n, into) -> into.globalPool("globalavgpool")),
            Map.entry("GlobalMaxPool", (n, into) -> into.globalPool("globalmaxpool")),
            Map.entry("BatchNormalization", OnnxLayers::batchNorm),
            Map.entry("Dropout", OnnxLayers::dropout),
            Map.entry("Identity", (n, into) -> { }),
            Map.entry("Flatten", OnnxLayers::flatten),
            Map.entry("Reshape", OnnxLayers::reshape),
            Map.entry("Relu", (n, into) -> into.activation("relu")),
            Map.entry("Tanh", (n, into) -> into.activation("tanh")),
            Map.entry("Sigmoid", (n, into) -> into.activation("sigmoid")),
            Map.entry("Softmax", (n, into) -> into.activation("softmax"))));

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

    private static void add(final OnnxNode n, final SpecAssembler into) {
        if (n.from() != null) {
            into.residual(n.from());
        } else {
            into.addBias(weight(n, 1, into));
        }
    }

    private static void conv(final OnnxNode n, final SpecAssembler into) {
        if (n.integer("group", 1) != 1 || n.square("dilations", List.of(1L, 1L), into) != 1) {
            throw into.refuse("grouped or dilated convolution is not supported");
        }
        final INDArray w = weight(n, 1, into);
        if (w.rank() != 4) {
            throw into.refuse("only 2-D convolution is supported, its kernel has shape " + java.util.Arrays.toString(w.shape()));
        }
        final int k = n.square("kernel_shape", List.of(w.size(2), w.size(3)), into);
        final int s = n.square("strides", List.of(1L, 1L), into);
        into.conv2d(Math.toIntExact(w.size(0)), k, s, padding(n, k, s, into), w.permute(2, 3, 1, 0).dup('c'), n.constant(2, into));
    }

    private static void pool(final OnnxNode n, final String type, final SpecAssembler into) {
        if (n.integer("ceil_mode", 0) != 0) {
            throw into.refuse("ceil_mode 1 is not supported (dln's pooling rounds down)");
        }
        if (n.square("dilations", List.of(1L, 1L), into) != 1) {
            throw into.refuse("dilated pooling is not supported");
        }
        final int k = n.square("kernel_shape", null, into);
        final int s = n.square("strides", List.of(1L, 1L), into);
        final String padding = padding(n, k, s, into);
        if ("avgpool".equals(type) && "same".equals(padding) && n.integer("count_include_pad", 0) != 0) {
            throw into.refuse("count_include_pad 1 with padding is not supported (dln's average divides by the values inside the input)");
        }
        into.pool(type, k, s, padding);
    }

    /**
     * dln's padding for a node's pads: valid when no zero is read, same when the zeros are
     * TensorFlow's (output ceil(in / stride), the odd one at the bottom/right: ONNX's
     * SAME_UPPER, and PyTorch's symmetric pads where they give the same windows); refused
     * otherwise. A pad the windows never reach does not count.
     */
    private static String padding(final OnnxNode n, final int k, final int s, final SpecAssembler into) {
        final String auto = n.text("auto_pad", "NOTSET");
        final List<Long> pads = n.integers("pads", List.of(0L, 0L, 0L, 0L));
        final List<Integer> chw = into.shape();
        if (chw.size() != 3 || pads.size() != 4) {
            throw into.refuse("needs an image input [channels, height, width] and four pads, got " + chw + " and pads " + pads);
        }
        final java.util.Set<String> fit = new java.util.HashSet<>(List.of("valid", "same"));
        for (int axis = 0; axis < 2; axis++) {
            final int in = chw.get(1 + axis);
            final int same = (in + s - 1) / s;
            final int total = Math.max((same - 1) * s + k - in, 0);
            final long begin;
            final long end;
            switch (auto) {
                case "NOTSET" -> {
                    begin = pads.get(axis);
                    end = pads.get(axis + 2);
                }
                case "VALID" -> {
                    begin = 0;
                    end = 0;
                }
                case "SAME_UPPER" -> {
                    begin = total / 2;
                    end = total - total / 2;
                }
                case "SAME_LOWER" -> {
                    begin = total - total / 2;
                    end = total / 2;
                }
                default -> throw into.refuse("auto_pad " + auto + " is not an ONNX padding");
            }
            final long out = Math.floorDiv(in + begin + end - k, s) + 1;
            if (!(begin == 0 && in >= k && out == (in - k) / s + 1)) {
                fit.remove("valid");
            }
            if (!(begin == total / 2 && out == same)) {
                fit.remove("same");
            }
        }
        if (fit.isEmpty()) {
            throw into.refuse("padding (auto_pad " + auto + ", pads " + pads + ") on a " + chw.get(1) + "x" + chw.get(2) + " input with kernel "
                    + k + " and stride " + s + " matches neither valid nor same padding (TensorFlow's: the odd zero at the bottom/right)");
        }
        return fit.contains("valid") ? "valid" : "same";
    }

    private static void batchNorm(final OnnxNode n, final SpecAssembler into) {
        if (n.integer("training_mode", 0) != 0 || n.node().getOutputCount() > 1) {
            throw into.refuse("a batch norm exported in training mode (export the model in eval mode)");
        }
        // ONNX's momentum is Keras's and dln's (running = momentum * running + (1 - momentum) * batch): PyTorch exports 1 - its momentum.
        into.batchNorm(exact(n.real("momentum", 0.9f)), exact(n.real("epsilon", 1e-5f)),
                weight(n, 1, into), weight(n, 2, into), weight(n, 3, into), weight(n, 4, into));
    }

    private static void dropout(final OnnxNode n, final SpecAssembler into) {
        // Opset 12 moved the ratio from an attribute to an optional input.
        final INDArray ratio = n.isConstant(1) ? n.constant(1, into) : null;
        into.dropout(exact(ratio != null ? ratio.getFloat(0) : n.real("ratio", 0.5f)));
    }

    private static void reshape(final OnnxNode n, final SpecAssembler into) {
        final long[] to = n.integers(1, into);
        if (to == null || to.length < 2 || !(to[0] == 0 || to[0] == -1)) {
            throw into.refuse("only a reshape that keeps the batch (a constant shape starting with 0 or -1) is supported, got "
                    + java.util.Arrays.toString(to));
        }
        final List<Integer> now = into.shape();
        final long size = now.stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
        final List<Long> dims = new java.util.ArrayList<>();
        for (int i = 1; i < to.length; i++) {
            dims.add(to[i] == 0 && i - 1 < now.size() ? now.get(i - 1) : to[i]);
        }
        final long known = dims.stream().filter(d -> d != -1).reduce(1L, Math::multiplyExact);
        into.reshape(dims.stream().map(d -> Math.toIntExact(d == -1 ? size / known : d)).toList(), false);
    }

    /** A float attribute as the decimal it was written as (1e-5f is 1e-5, not 9.99999974e-6). */
    private static double exact(final float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static void flatten(final OnnxNode n, final SpecAssembler into) {
        if (n.integer("axis", 1) != 1) {
            throw into.refuse("only Flatten with axis 1 (keep the batch, flatten the rest) is supported");
        }
        into.flatten(false);
    }

    private static INDArray weight(final OnnxNode n, final int input, final SpecAssembler into) {
        final INDArray w = n.constant(input, into);
        if (w == null) {
            throw into.refuse("has no weight input " + input);
        }
        return w;
    }
}

package dln.core.modelimport;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Keras table: each Keras layer class dln can reproduce and what it becomes. A layer dln
 * gains is one entry here. Keras's layouts match dln's (dense kernel [nIn, nOut], conv kernel
 * [kH, kW, in, out]), so weights pass through unchanged; the one reordering, after a
 * channels-last Flatten, is the assembler's.
 */
final class KerasLayers {
    /** Keras activation names and dln's. */
    private static final Map<String, String> ACTIVATIONS = Map.of(
            "linear", "identity", "relu", "relu", "tanh", "tanh", "sigmoid", "sigmoid", "softmax", "softmax");

    private static final Map<String, LayerMapping<KerasLayer>> TABLE = new TreeMap<>(Map.of(
            "InputLayer", (l, into) -> { },
            "Dense", KerasLayers::dense,
            "Conv2D", KerasLayers::conv2d,
            "MaxPooling2D", KerasLayers::maxPooling2d,
            "Flatten", (l, into) -> into.flatten(!"channels_first".equals(l.text("data_format", l.dataFormat()))),
            "Activation", (l, into) -> into.activation(activation(l, into)),
            "Softmax", (l, into) -> into.activation("softmax"),
            "ReLU", (l, into) -> into.activation("relu")));

    private KerasLayers() {
    }

    /** The mapping of a Keras class, or null when dln has none. */
    static LayerMapping<KerasLayer> of(final String className) {
        return TABLE.get(className);
    }

    /** The Keras classes dln maps, for the refusal message. */
    static String supported() {
        return String.join(", ", TABLE.keySet());
    }

    private static String activation(final KerasLayer l, final SpecAssembler into) {
        final String a = l.text("activation", "linear");
        final String dln = ACTIVATIONS.get(a);
        if (dln == null) {
            throw into.refuse("activation '" + a + "' is not supported (" + String.join(", ", new TreeMap<>(ACTIVATIONS).keySet()) + ")");
        }
        return dln;
    }

    private static void dense(final KerasLayer l, final SpecAssembler into) {
        into.dense(l.integer("units", into), "identity", required(l, "kernel", into), l.flag("use_bias", true) ? required(l, "bias", into) : null);
        activate(l, into);
    }

    private static void conv2d(final KerasLayer l, final SpecAssembler into) {
        valid(l, into);
        channelsLast(l, into);
        if (l.square("dilation_rate", List.of(1, 1), into) != 1 || !"1".equals(l.text("groups", "1"))) {
            throw into.refuse("dilated or grouped convolution is not supported");
        }
        into.conv2d(l.integer("filters", into), l.square("kernel_size", null, into), l.square("strides", List.of(1, 1), into), "identity",
                required(l, "kernel", into), l.flag("use_bias", true) ? required(l, "bias", into) : null);
        activate(l, into);
    }

    private static void maxPooling2d(final KerasLayer l, final SpecAssembler into) {
        valid(l, into);
        channelsLast(l, into);
        final int k = l.square("pool_size", List.of(2, 2), into);
        into.maxpool(k, l.square("strides", List.of(k, k), into));
    }

    private static void activate(final KerasLayer l, final SpecAssembler into) {
        final String a = activation(l, into);
        if (!"identity".equals(a)) {
            into.activation(a);
        }
    }

    private static void valid(final KerasLayer l, final SpecAssembler into) {
        final String padding = l.text("padding", "valid");
        if (!"valid".equals(padding)) {
            throw into.refuse("padding '" + padding + "' is not supported yet (valid only)");
        }
    }

    /** dln's images are channels-first; its layers read the assembler's layout, which follows the model's input. */
    private static void channelsLast(final KerasLayer l, final SpecAssembler into) {
        if (!l.dataFormat().equals(l.text("data_format", l.dataFormat()))) {
            throw into.refuse("data_format '" + l.text("data_format", "") + "' differs from the model's " + l.dataFormat());
        }
    }

    private static org.nd4j.linalg.api.ndarray.INDArray required(final KerasLayer l, final String name, final SpecAssembler into) {
        final org.nd4j.linalg.api.ndarray.INDArray w = l.weight(name);
        if (w == null) {
            throw into.refuse("the file has no '" + name + "' weights for it");
        }
        return w;
    }
}

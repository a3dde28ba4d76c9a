package dln.core.modelimport;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Keras table: each Keras layer class dln can reproduce and what it becomes. A layer dln
 * gains is one entry here. Keras's layouts match dln's (dense kernel [nIn, nOut], conv kernel
 * [kH, kW, in, out], batch norm's [c] vectors), so weights pass through unchanged; the
 * reorderings after a channels-last Flatten are the assembler's. Keras's padding 'same' is
 * TensorFlow's, as dln's (for even kernels and strides too: the odd zero at the bottom/right).
 */
final class KerasLayers {
    /** Keras activation names and dln's. */
    private static final Map<String, String> ACTIVATIONS = Map.of(
            "linear", "identity", "relu", "relu", "tanh", "tanh", "sigmoid", "sigmoid", "softmax", "softmax");

    private static final Map<String, LayerMapping<KerasLayer>> TABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("InputLayer", (l, into) -> { }),
            Map.entry("Dense", KerasLayers::dense),
            Map.entry("Embedding", KerasLayers::embedding),
            Map.entry("Conv2D", KerasLayers::conv2d),
            Map.entry("MaxPooling2D", (l, into) -> pooling(l, "maxpool", into)),
            Map.entry("AveragePooling2D", (l, into) -> pooling(l, "avgpool", into)),
            Map.entry("GlobalAveragePooling2D", (l, into) -> globalPooling(l, "globalavgpool", into)),
            Map.entry("GlobalMaxPooling2D", (l, into) -> globalPooling(l, "globalmaxpool", into)),
            Map.entry("BatchNormalization", KerasLayers::batchNormalization),
            Map.entry("Dropout", KerasLayers::dropout),
            Map.entry("Add", (l, into) -> into.residual(l.from())),
            Map.entry("Flatten", (l, into) -> into.flatten(!"channels_first".equals(l.text("data_format", l.dataFormat())))),
            Map.entry("Reshape", KerasLayers::reshape),
            Map.entry("Activation", (l, into) -> into.activation(activation(l, into))),
            Map.entry("Softmax", (l, into) -> into.activation("softmax")),
            Map.entry("ReLU", (l, into) -> into.activation("relu"))));

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
        channelsLast(l, into);
        if (l.square("dilation_rate", List.of(1, 1), into) != 1 || !"1".equals(l.text("groups", "1"))) {
            throw into.refuse("dilated or grouped convolution is not supported");
        }
        into.conv2d(l.integer("filters", into), l.square("kernel_size", null, into), l.square("strides", List.of(1, 1), into), padding(l, into),
                required(l, "kernel", into), l.flag("use_bias", true) ? required(l, "bias", into) : null);
        activate(l, into);
    }

    private static void embedding(final KerasLayer l, final SpecAssembler into) {
        if (l.flag("mask_zero", false)) {
            throw into.refuse("mask_zero is not supported (dln's embedding has no masking)");
        }
        into.embedding(required(l, "embeddings", into));
    }

    private static void pooling(final KerasLayer l, final String type, final SpecAssembler into) {
        channelsLast(l, into);
        final int k = l.square("pool_size", List.of(2, 2), into);
        into.pool(type, k, l.square("strides", List.of(k, k), into), padding(l, into));
    }

    private static void globalPooling(final KerasLayer l, final String type, final SpecAssembler into) {
        channelsLast(l, into);
        if (l.flag("keepdims", false)) {
            throw into.refuse("keepdims is not supported (dln's global pooling outputs [channels])");
        }
        into.globalPool(type);
    }

    /**
     * Keras's batch norm: its momentum is dln's (running = momentum * running + (1 - momentum) *
     * batch), its defaults are not (momentum 0.99, epsilon 0.001, written out in the spec).
     */
    private static void batchNormalization(final KerasLayer l, final SpecAssembler into) {
        final JsonElement axis = l.config().get("axis");
        final int a = axis == null || axis.isJsonNull() ? -1 : axis.isJsonArray() && axis.getAsJsonArray().size() == 1
                ? axis.getAsJsonArray().get(0).getAsInt() : axis.isJsonPrimitive() ? axis.getAsInt() : Integer.MIN_VALUE;
        final boolean image = into.image();
        final int channels = image && "channels_last".equals(l.dataFormat()) ? 3 : 1;
        final int rank = image ? 4 : 2;
        if (a != channels && a != channels - rank) {
            throw into.refuse("axis " + axis + " is not the channels (or features) axis " + channels + " (dln normalises per channel)");
        }
        if (l.flag("renorm", false) || l.config().has("virtual_batch_size") && !l.config().get("virtual_batch_size").isJsonNull()) {
            throw into.refuse("batch renormalisation and virtual batches are not supported");
        }
        into.batchNorm(l.real("momentum", 0.99), l.real("epsilon", 0.001),
                l.flag("scale", true) ? required(l, "gamma", into) : null, l.flag("center", true) ? required(l, "beta", into) : null,
                required(l, "moving_mean", into), required(l, "moving_variance", into));
    }

    private static void dropout(final KerasLayer l, final SpecAssembler into) {
        if (l.config().has("noise_shape") && !l.config().get("noise_shape").isJsonNull()) {
            throw into.refuse("a noise_shape (dropout shared along some axes) is not supported");
        }
        into.dropout(l.real("rate", 0.5));
    }

    /** Keras reshapes C order in the model's layout: a channels-last image target [h, w, c] is dln's [c, h, w]. */
    private static void reshape(final KerasLayer l, final SpecAssembler into) {
        final List<Integer> target = new java.util.ArrayList<>(l.pair("target_shape", List.of()));
        final long size = into.shape().stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
        final long known = target.stream().filter(d -> d != -1).mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
        target.replaceAll(d -> d == -1 ? Math.toIntExact(size / known) : d);
        final boolean channelsLast = "channels_last".equals(l.dataFormat());
        into.reshape(target.size() == 3 && channelsLast ? List.of(target.get(2), target.get(0), target.get(1)) : target, channelsLast);
    }

    private static void activate(final KerasLayer l, final SpecAssembler into) {
        final String a = activation(l, into);
        if (!"identity".equals(a)) {
            into.activation(a);
        }
    }

    private static String padding(final KerasLayer l, final SpecAssembler into) {
        final String padding = l.text("padding", "valid");
        if (!List.of("valid", "same").contains(padding)) {
            throw into.refuse("padding '" + padding + "' is not supported (valid or same)");
        }
        return padding;
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

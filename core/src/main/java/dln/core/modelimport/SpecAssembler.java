package dln.core.modelimport;

import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerPlan;
import dln.core.model.LayerSpec;
import dln.core.model.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds dln's spec and flat weight vector from a source model's layers, in order: the one place
 * both formats' tables write to, so the shape bookkeeping, the flatten permutation and the
 * refusal messages are the same for both.
 *
 * <p>Weights are given in dln's layouts (dense [nIn, nOut], conv [kH, kW, inChannels,
 * outChannels]); a format converts its own layout in its table entry.
 */
final class SpecAssembler {
    private final String file;
    private List<Integer> input;
    private final List<LayerSpec> layers = new ArrayList<>();
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    /** Dense layers whose input rows were flattened channels-last (height, width, channels). */
    private final Set<Integer> channelsLastRows = new HashSet<>();
    private boolean image;
    private boolean channelsLastFlatten;
    private String where = "";

    SpecAssembler(final String file) {
        this.file = file;
    }

    /** Names the source layer being mapped, for messages: its position, name and kind. */
    void at(final int index, final String name, final String kind) {
        where = "layer " + index + " '" + name + "' (" + kind + ")";
    }

    /** A refusal of the current layer. */
    UnsupportedModelException refuse(final String why) {
        return new UnsupportedModelException(file + ": " + where + ": " + why);
    }

    /** The refusal of a layer kind dln has no mapping for; {@code supported} lists the ones it has. */
    UnsupportedModelException unsupported(final String supported) {
        return new UnsupportedModelException(file + ": " + where + " is not supported by dln (it maps " + supported + ")");
    }

    /** A refusal of the whole file. */
    UnsupportedModelException refuseFile(final String why) {
        return new UnsupportedModelException(file + ": " + why);
    }

    /**
     * The input shape in dln's order: [features] or [channels, height, width]. Checked when the
     * model is built, so that a sequence input's refusal names the recurrent layer first.
     */
    void input(final List<Integer> shape) {
        input = List.copyOf(shape);
        image = shape.size() == 3;
    }

    /** A fully connected layer; {@code bias} null for none. */
    void dense(final int units, final String activation, final INDArray w, final INDArray bias) {
        if (image) {
            throw refuse("a dense layer on an image-shaped input (the source applies it per position; dln would flatten first): "
                    + "add a Flatten before it");
        }
        add(LayerSpec.dense(units, activation), w, bias);
        if (channelsLastFlatten) {
            channelsLastRows.add(layers.size() - 1);
            channelsLastFlatten = false;
        }
    }

    /** A valid-padded square convolution; {@code bias} null for none. */
    void conv2d(final int filters, final int kernel, final int stride, final String activation, final INDArray w, final INDArray bias) {
        requireImage();
        add(LayerSpec.conv2d(filters, kernel, stride, activation), w, bias);
    }

    /** Valid-padded square max pooling. */
    void maxpool(final int kernel, final int stride) {
        requireImage();
        add(LayerSpec.maxpool(kernel, stride), null, null);
    }

    /**
     * Flattens an image; {@code channelsLast} when the source orders the flat vector height, width,
     * channels (then the next dense layer's rows are permuted to dln's channels, height, width).
     * A no-op on a flat input.
     */
    void flatten(final boolean channelsLast) {
        if (image) {
            channelsLastFlatten = channelsLast;
            image = false;
        }
    }

    /**
     * An activation after the previous layer: folded into it when it has none; {@code softmax}
     * turns a dense layer into dln's output layer (softmax with cross-entropy).
     */
    void activation(final String name) {
        final int last = layers.size() - 1;
        final LayerSpec prev = last < 0 ? null : layers.get(last);
        if (prev == null || !("dense".equals(prev.type()) || "conv2d".equals(prev.type())) || !"identity".equals(prev.activation())) {
            throw refuse("activation " + name + " must follow a dense or conv layer without an activation of its own");
        }
        if ("softmax".equals(name)) {
            if (!"dense".equals(prev.type())) {
                throw refuse("softmax must follow a dense layer (dln's output layer is a dense softmax)");
            }
            layers.set(last, LayerSpec.output(prev.units()));
        } else {
            // Through the factories, not the record's constructor: the spec's fields grow with its layers.
            layers.set(last, "dense".equals(prev.type()) ? LayerSpec.dense(prev.units(), name)
                    : LayerSpec.conv2d(prev.filters(), prev.kernel(), prev.stride(), name));
        }
    }

    /** Adds {@code b} to the bias of the previous layer (a separate bias-add after a matrix product). */
    void addBias(final INDArray b) {
        final int last = layers.size() - 1;
        if (last < 0 || !"identity".equals(layers.get(last).activation()) || biases.get(last) != null) {
            throw refuse("an addition dln can only take as the bias of a preceding dense layer");
        }
        biases.set(last, b);
    }

    private void requireImage() {
        if (!image) {
            throw refuse("needs an image input [channels, height, width], but its input is flat");
        }
    }

    private void add(final LayerSpec l, final INDArray w, final INDArray b) {
        if (!layers.isEmpty() && "output".equals(layers.get(layers.size() - 1).type())) {
            throw refuse("comes after the softmax output; dln's output layer must be last");
        }
        layers.add(l);
        weights.add(w);
        biases.add(b);
    }

    /**
     * The imported model: the spec validated by {@link ArchitecturePlan}, each tensor checked
     * against the shape the plan expects and copied into the flat vector.
     *
     * @param format the format's name for {@link ImportedModel#source()}
     */
    ImportedModel build(final String format) {
        if (input == null) {
            throw refuseFile("no input shape found");
        }
        if (!(input.size() == 1 || input.size() == 3) || input.stream().anyMatch(d -> d == null || d < 1)) {
            throw refuseFile("input of shape " + input + " (per example): dln takes [features] or an image [channels, height, width]");
        }
        if (layers.isEmpty() || !"output".equals(layers.get(layers.size() - 1).type())) {
            throw refuseFile("the model must end in a softmax after a dense layer (dln's output layer is a softmax with cross-entropy); "
                    + "its last layer maps to " + (layers.isEmpty() ? "nothing" : layers.get(layers.size() - 1).type()));
        }
        final ArchitectureSpec spec = new ArchitectureSpec(input, layers);
        final ArchitecturePlan plan;
        try {
            plan = ArchitecturePlan.of(spec);
        } catch (IllegalArgumentException e) {
            throw refuseFile("the mapped architecture is not valid in dln: " + e.getMessage());
        }
        final float[] flat = new float[plan.parameterArrayLength()];
        for (final LayerPlan l : plan.layers()) {
            l.weight().ifPresent(p -> {
                INDArray w = weights.get(l.index());
                if (channelsLastRows.contains(l.index()) && l.inShape().size() == 3) {
                    w = channelsFirstRows(w, l.inShape(), p);
                }
                copy(w, p, flat);
            });
            l.biasParam().ifPresent(p -> copy(biases.get(l.index()), p, flat));
        }
        return new ImportedModel(file + " (" + format + ")", spec, flat);
    }

    /**
     * The rows of a dense kernel fed by a channels-last flatten, reordered for dln's
     * channels-first flatten: row (h * W + w) * C + c moves to row (c * H + h) * W + w.
     */
    private INDArray channelsFirstRows(final INDArray w, final List<Integer> chw, final ParamSpec p) {
        checkShape(w, p);
        final int c = chw.get(0);
        final int h = chw.get(1);
        final int wd = chw.get(2);
        final long units = w.size(1);
        return w.reshape('c', h, wd, c, units).permute(2, 0, 1, 3).dup('c').reshape('c', (long) c * h * wd, units);
    }

    private void copy(final INDArray t, final ParamSpec p, final float[] flat) {
        if (t == null) {
            return; // no bias in the source: dln's zeros
        }
        checkShape(t, p);
        final float[] v = t.castTo(DataType.FLOAT).dup('c').data().asFloat();
        System.arraycopy(v, 0, flat, p.arrayOffset(), p.arrayLength());
    }

    private void checkShape(final INDArray t, final ParamSpec p) {
        if (!Arrays.equals(t.shape(), p.shapeLongs())) {
            throw refuseFile("layer " + p.layer() + " of the mapped spec (" + layers.get(p.layer()).type() + ") expects "
                    + (p.bias() ? "a bias" : "weights") + " of shape " + p.shape() + " but the file has " + Arrays.toString(t.shape()));
        }
    }
}

package dln.core.modelimport;

import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerPlan;
import dln.core.model.LayerSpec;
import dln.core.model.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds dln's spec and flat weight vector from a source model's layers, in order: the one place
 * both formats' tables write to, so the shape bookkeeping, the channels-last reorderings and the
 * refusal messages are the same for both.
 *
 * <p>Weights are given in dln's layouts (dense [nIn, nOut], conv [kH, kW, inChannels,
 * outChannels], batch norm's four [c] vectors); a format converts its own layout in its table
 * entry. The source's tensor and dln's may differ in one way only: after a channels-last flatten
 * the source orders the flat vector height, width, channels while dln keeps channels, height,
 * width; the layers that read it by position (the next dense layer's rows, a batch norm's
 * per-feature vectors) are reordered on import.
 */
final class SpecAssembler {
    private final String file;
    private List<Integer> input;
    private final List<LayerSpec> layers = new ArrayList<>();
    /** Each layer's tensors in the plan's order for that layer; null for the default (no bias: 0; gamma, variance: 1). */
    private final List<List<INDArray>> tensors = new ArrayList<>();
    /** Layers that read a channels-last flat vector by position, with the [C, H, W] it was flattened from. */
    private final Map<Integer, List<Integer>> channelsLastInput = new HashMap<>();
    /** When each layer's output last changed in place (an activation folded in, a bias added), for {@link #changedSince}. */
    private final List<Integer> changed = new ArrayList<>();
    private int stamp;
    /** The source's tensor is an image (dln's may still be one after the source flattened). */
    private boolean image;
    /** The source's tensor is a sequence [columns, units] (after an embedding), until it is flattened. */
    private boolean sequence;
    /** Non-null after a channels-last flatten, until a dense layer consumes it: the flattened [C, H, W]. */
    private List<Integer> channelsLastFlat;
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

    /** True while the source's tensor is an image (dln's may still be one after the source flattened it). */
    boolean image() {
        return image;
    }

    /** The index of the last dln layer so far, -1 before the first (the model's input). */
    int last() {
        return layers.size() - 1;
    }

    /** A counter that grows with every change; see {@link #changedSince}. */
    int stamp() {
        return stamp;
    }

    /** True when layer {@code index}'s output changed in place after {@code stamp} (so an earlier reference to it is stale). */
    boolean changedSince(final int index, final int stamp) {
        return changed.get(index) > stamp;
    }

    /**
     * The shape of dln's tensor so far ([features] or [c, h, w]), computed by the plan (the one
     * place dln's shape rules live) on the layers so far and a placeholder head.
     */
    List<Integer> shape() {
        open();
        if (layers.isEmpty()) {
            return input;
        }
        final List<LayerSpec> probe = new ArrayList<>(layers);
        probe.add(LayerSpec.regressionOutput(1));
        try {
            final List<LayerPlan> plans = ArchitecturePlan.of(new ArchitectureSpec(input, probe)).layers();
            return plans.get(plans.size() - 2).outShape();
        } catch (IllegalArgumentException e) {
            throw refuse("the mapped layers are not valid in dln: " + e.getMessage());
        }
    }

    /**
     * An embedding of every input column, each a category index in 0..{@code table.rows - 1},
     * into {@code table.columns} values: dln's embedding with one copy of the source's shared
     * table per column (equal at import; training may then move them apart). The source's
     * output is a sequence [columns, units] until it is flattened, which in dln is already the
     * case (the columns' vectors in column order).
     */
    void embedding(final INDArray table) {
        if (!layers.isEmpty() || image) {
            throw refuse("an embedding must be the first layer, on a [features] input (dln embeds input columns)");
        }
        final int columns = input.get(0);
        final int cardinality = Math.toIntExact(table.size(0));
        final INDArray[] copies = new INDArray[columns];
        Arrays.fill(copies, table);
        add(LayerSpec.embedding(java.util.stream.IntStream.range(0, columns).boxed().toList(), java.util.Collections.nCopies(columns, cardinality),
                Math.toIntExact(table.size(1))), copies);
        sequence = true;
    }

    /** A fully connected layer; {@code bias} null for none. */
    void dense(final int units, final String activation, final INDArray w, final INDArray bias) {
        if (sequence) {
            throw refuse("a dense layer on a sequence (the source applies it per position; dln would flatten first): add a Flatten before it");
        }
        if (image) {
            throw refuse("a dense layer on an image-shaped input (the source applies it per position; dln would flatten first): "
                    + "add a Flatten before it");
        }
        add(LayerSpec.dense(units, activation), w, bias);
        if (channelsLastFlat != null) {
            channelsLastInput.put(last(), channelsLastFlat);
            channelsLastFlat = null;
        }
    }

    /** A square convolution, {@code padding} valid or same (TensorFlow's: the odd zero at the bottom/right); {@code bias} null for none. */
    void conv2d(final int filters, final int kernel, final int stride, final String padding, final INDArray w, final INDArray bias) {
        requireImage();
        add("same".equals(padding) ? LayerSpec.conv2dSame(filters, kernel, stride, "identity") : LayerSpec.conv2d(filters, kernel, stride, "identity"),
                w, bias);
    }

    /** Square max or average pooling ({@code type} maxpool or avgpool), {@code padding} valid or same. */
    void pool(final String type, final int kernel, final int stride, final String padding) {
        requireImage();
        add(new LayerSpec(type, null, null, kernel, stride, null, null, "same".equals(padding) ? "same" : null,
                null, null, null, null, null, null, null, null));
    }

    /** Global average or max pooling ({@code type} globalavgpool or globalmaxpool): [c, h, w] to [c]. */
    void globalPool(final String type) {
        requireImage();
        add(new LayerSpec(type, null, null, null, null, null, null));
        image = false;
    }

    /**
     * Batch normalisation with its four [c] (or [features]) vectors, any of them null for the
     * default; {@code momentum} and {@code epsilon} in dln's (Keras's) convention, null for dln's
     * defaults. On a flat input after the source flattened an image, dln flattens explicitly
     * (its batch norm would otherwise normalise per channel).
     */
    void batchNorm(final double momentum, final double epsilon, final INDArray gamma, final INDArray beta,
                   final INDArray mean, final INDArray variance) {
        if (!image && shape().size() == 3) {
            add(LayerSpec.flatten());
        }
        add(new LayerSpec("batchnorm", null, null, null, null, null, null, null, null, null, null, null, null, null,
                        momentum == LayerSpec.DEFAULT_MOMENTUM ? null : momentum, epsilon == LayerSpec.DEFAULT_EPSILON ? null : epsilon),
                gamma, beta, mean, variance);
        if (channelsLastFlat != null) {
            channelsLastInput.put(last(), channelsLastFlat);
        }
    }

    /** Dropout of {@code rate} of the values in training (elementwise: it keeps any pending flatten). */
    void dropout(final double rate) {
        add(LayerSpec.dropout(rate));
    }

    /** A residual add: the previous output plus layer {@code from}'s output (dln index). */
    void residual(final int from) {
        if (channelsLastFlat != null) {
            throw refuse("an add of values flattened channels-last is not supported (dln holds them channels first)");
        }
        add(LayerSpec.add(from, "identity"));
    }

    /**
     * Flattens an image; {@code channelsLast} when the source orders the flat vector height, width,
     * channels (then the next layers that read it by position are reordered to dln's channels,
     * height, width). A no-op on a flat input. dln adds no layer: its dense layer flattens.
     */
    void flatten(final boolean channelsLast) {
        sequence = false;
        if (!image) {
            return;
        }
        image = false;
        final List<Integer> chw = shape();
        // One channel, or one position: both orders are the same.
        if (channelsLast && chw.get(0) > 1 && chw.get(1) * chw.get(2) > 1) {
            channelsLastFlat = chw;
        }
        touch();
    }

    /**
     * Reshapes to {@code target} in dln's order ([n] or [c, h, w]); {@code channelsLast} when the
     * source reads a flat vector into an image height, width, channels (Keras's default).
     */
    void reshape(final List<Integer> target, final boolean channelsLast) {
        final List<Integer> now = shape();
        if (target.size() == 1) {
            flatten(channelsLast);
            return;
        }
        if (target.size() != 3) {
            throw refuse("reshape to " + target + " per example: dln takes [features] or an image [channels, height, width]");
        }
        if (image && !target.equals(now) && channelsLast) {
            throw refuse("a channels-last reshape of an image to another image is not supported (dln reshapes channels first)");
        }
        if (!image && channelsLast && !target.equals(channelsLastFlat) && target.get(0) > 1 && target.get(1) * target.get(2) > 1) {
            throw refuse("a channels-last reshape of a flat vector to an image [" + target.get(1) + ", " + target.get(2) + ", "
                    + target.get(0) + "] orders it height, width, channels; dln's reshape orders channels, height, width "
                    + "(supported with one channel, or to undo a Flatten)");
        }
        channelsLastFlat = null;
        image = true;
        if (!target.equals(now)) {
            add(LayerSpec.reshape(target));
        }
        touch();
    }

    /**
     * An activation after the previous layer, folded into it (dense, conv2d, batchnorm, add)
     * when it has none; {@code softmax} turns a dense layer into dln's softmax output layer.
     */
    void activation(final String name) {
        final int last = last();
        final LayerSpec prev = last < 0 ? null : layers.get(last);
        if (prev == null || !List.of("dense", "conv2d", "batchnorm", "add").contains(prev.type())
                || !(prev.activation() == null || "identity".equals(prev.activation()))) {
            throw refuse("activation " + name + " must follow a dense, conv, batch-norm or add layer without an activation of its own");
        }
        if ("softmax".equals(name)) {
            if (!"dense".equals(prev.type())) {
                throw refuse("softmax must follow a dense layer (dln's output layer is a dense softmax)");
            }
            layers.set(last, LayerSpec.output(prev.units()));
        } else {
            layers.set(last, withActivation(prev, name));
        }
        touch();
    }

    /** Adds {@code b} to the bias of the previous layer (a separate bias-add after a matrix product). */
    void addBias(final INDArray b) {
        final int last = last();
        if (last < 0 || !"dense".equals(layers.get(last).type()) || !"identity".equals(layers.get(last).activation())
                || tensors.get(last).get(1) != null) {
            throw refuse("an addition dln can only take as the bias of a preceding dense layer");
        }
        tensors.get(last).set(1, b);
        touch();
    }

    private static LayerSpec withActivation(final LayerSpec p, final String a) {
        return new LayerSpec(p.type(), p.units(), p.filters(), p.kernel(), p.stride(), a, p.loss(), p.padding(), p.rate(), p.from(),
                p.shape(), p.columns(), p.cardinalities(), p.threshold(), p.momentum(), p.epsilon());
    }

    private void touch() {
        stamp++;
        if (!layers.isEmpty()) {
            changed.set(last(), stamp);
        }
    }

    private void requireImage() {
        if (!image) {
            throw refuse("needs an image input [channels, height, width], but its input is flat");
        }
    }

    private void open() {
        if (!layers.isEmpty() && "output".equals(layers.get(last()).type())) {
            throw refuse("comes after the softmax output; dln's output layer must be last");
        }
    }

    private void add(final LayerSpec l, final INDArray... t) {
        open();
        layers.add(l);
        tensors.add(new ArrayList<>(Arrays.asList(t)));
        changed.add(++stamp);
    }

    /**
     * The imported model: the last dense layer becomes dln's head (softmax already; sigmoid with
     * one unit: the binary head; linear: regression), the spec is validated by
     * {@link ArchitecturePlan}, each tensor checked against the shape the plan expects and copied
     * into the flat vector.
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
        head();
        final ArchitectureSpec spec = new ArchitectureSpec(input, layers);
        final ArchitecturePlan plan;
        try {
            plan = ArchitecturePlan.of(spec);
        } catch (IllegalArgumentException e) {
            throw refuseFile("the mapped architecture is not valid in dln: " + e.getMessage());
        }
        final float[] flat = new float[plan.parameterArrayLength()];
        for (final LayerPlan l : plan.layers()) {
            final List<INDArray> given = tensors.get(l.index());
            for (int k = 0; k < l.params().size(); k++) {
                final ParamSpec p = l.params().get(k);
                INDArray t = k < given.size() ? given.get(k) : null;
                final List<Integer> chw = channelsLastInput.get(l.index());
                // A dense layer reads the vector by its kernel's rows, a batch norm by all four of its vectors.
                if (t != null && chw != null && (p.role() == ParamSpec.Role.WEIGHT || "batchnorm".equals(l.spec().type()))) {
                    t = channelsFirstRows(t, chw, p);
                }
                copy(t, p, flat);
            }
        }
        return new ImportedModel(file + " (" + format + ")", spec, flat);
    }

    /** Turns the last dense layer into dln's head, or refuses a model that does not end in one. */
    private void head() {
        final LayerSpec l = layers.isEmpty() ? null : layers.get(last());
        if (l != null && "output".equals(l.type())) {
            return;
        }
        if (l == null || !"dense".equals(l.type())) {
            throw refuseFile("the model must end in a dense layer with a softmax (classes), a sigmoid on one unit (binary) or no activation "
                    + "(regression); its last layer maps to " + (l == null ? "nothing" : l.type()));
        }
        if ("identity".equals(l.activation())) {
            layers.set(last(), LayerSpec.regressionOutput(l.units()));
        } else if ("sigmoid".equals(l.activation()) && l.units() == 1) {
            layers.set(last(), LayerSpec.sigmoidOutput(LayerSpec.DEFAULT_THRESHOLD));
        } else {
            throw refuseFile("the model ends in a dense layer of " + l.units() + " units with " + l.activation()
                    + "; dln's heads are a softmax (classes), a sigmoid on one unit (binary) and no activation (regression)");
        }
    }

    /**
     * A tensor indexed by the position in a channels-last flat vector (a dense kernel's rows, a
     * batch norm's vectors), reordered for dln's channels-first one: row (h * W + w) * C + c
     * moves to row (c * H + h) * W + w.
     */
    private INDArray channelsFirstRows(final INDArray t, final List<Integer> chw, final ParamSpec p) {
        checkShape(t, p);
        final int c = chw.get(0);
        final int h = chw.get(1);
        final int wd = chw.get(2);
        final long units = t.rank() == 2 ? t.size(1) : 1;
        return t.reshape('c', h, wd, c, units).permute(2, 0, 1, 3).dup('c').reshape('c', t.shape());
    }

    private void copy(final INDArray t, final ParamSpec p, final float[] flat) {
        if (t == null) {
            // Not in the source: a missing bias or shift is 0, a missing scale 1; the running variance's default is 1 too.
            if (p.role() == ParamSpec.Role.GAMMA || p.role() == ParamSpec.Role.RUNNING_VAR) {
                Arrays.fill(flat, p.arrayOffset(), p.arrayOffset() + p.arrayLength(), 1f);
            }
            return;
        }
        checkShape(t, p);
        final float[] v = t.castTo(DataType.FLOAT).dup('c').data().asFloat();
        System.arraycopy(v, 0, flat, p.arrayOffset(), p.arrayLength());
    }

    private void checkShape(final INDArray t, final ParamSpec p) {
        if (!Arrays.equals(t.shape(), p.shapeLongs())) {
            throw refuseFile("layer " + p.layer() + " of the mapped spec (" + layers.get(p.layer()).type() + ") expects "
                    + p.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of shape " + p.shape()
                    + " but the file has " + Arrays.toString(t.shape()));
        }
    }
}

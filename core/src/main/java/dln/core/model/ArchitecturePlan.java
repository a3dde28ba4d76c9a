package dln.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated architecture with inferred shapes and the ONE flat parameter order every part of
 * dln uses (weight files, aggregation, SameDiff, export):
 *
 * <p>for each layer with parameters, in spec order: its weights, then its bias; each tensor
 * flattened in row-major (c) order of the shape in {@link ParamSpec#shape()} — dense W as
 * [nIn, nOut], conv W as [kH, kW, inChannels, outChannels].
 */
public final class ArchitecturePlan {
    private static final Set<String> HIDDEN_ACTIVATIONS = Set.of("relu", "tanh", "sigmoid", "identity");

    private final ArchitectureSpec spec;
    private final List<LayerPlan> layers;
    private final List<ParamSpec> params;
    private final int parameterCount;
    private final String hash;

    private ArchitecturePlan(ArchitectureSpec spec, List<LayerPlan> layers, List<ParamSpec> params, int count) {
        this.spec = spec;
        this.layers = List.copyOf(layers);
        this.params = List.copyOf(params);
        this.parameterCount = count;
        this.hash = SpecJson.architectureHash(spec);
    }

    /**
     * Validates {@code spec} and infers shapes.
     *
     * @throws IllegalArgumentException naming the first offending layer
     */
    public static ArchitecturePlan of(ArchitectureSpec spec) {
        List<Integer> shape = spec.input();
        if (!(shape.size() == 1 || shape.size() == 3) || shape.stream().anyMatch(s -> s == null || s < 1)) {
            throw new IllegalArgumentException("input must be [features] or [channels, height, width], got " + shape);
        }
        if (spec.layers().isEmpty() || !"output".equals(spec.layers().get(spec.layers().size() - 1).type())) {
            throw new IllegalArgumentException("the last layer must be of type output");
        }
        List<LayerPlan> plans = new ArrayList<>();
        List<ParamSpec> params = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            String where = "layer " + i + " (" + l.type() + "): ";
            List<Integer> out;
            ParamSpec w = null;
            ParamSpec b = null;
            switch (l.type() == null ? "" : l.type()) {
                case "dense", "output" -> {
                    int units = positive(l.units(), where + "units");
                    if ("output".equals(l.type())) {
                        if (i != spec.layers().size() - 1 || !"softmax".equals(l.activation()) || !"mcxent".equals(l.loss())) {
                            throw new IllegalArgumentException(where + "output must be last, softmax, loss mcxent");
                        }
                    } else {
                        activation(l, where);
                    }
                    int nIn = shape.stream().reduce(1, (a, c) -> a * c);
                    w = new ParamSpec("l" + i + "_W", i, false, List.of(nIn, units), (int) offset, nIn, units);
                    offset += (long) nIn * units;
                    b = new ParamSpec("l" + i + "_b", i, true, List.of(units), (int) offset, nIn, units);
                    offset += units;
                    out = List.of(units);
                }
                case "conv2d" -> {
                    int[] chw = image(shape, where);
                    int f = positive(l.filters(), where + "filters");
                    int k = positive(l.kernel(), where + "kernel");
                    int s = positive(l.stride(), where + "stride");
                    activation(l, where);
                    out = List.of(f, valid(chw[1], k, s, where), valid(chw[2], k, s, where));
                    w = new ParamSpec("l" + i + "_W", i, false, List.of(k, k, chw[0], f), (int) offset,
                            chw[0] * k * k, f * k * k);
                    offset += (long) k * k * chw[0] * f;
                    b = new ParamSpec("l" + i + "_b", i, true, List.of(f), (int) offset, chw[0] * k * k, f * k * k);
                    offset += f;
                }
                case "maxpool" -> {
                    int[] chw = image(shape, where);
                    int k = positive(l.kernel(), where + "kernel");
                    int s = positive(l.stride(), where + "stride");
                    out = List.of(chw[0], valid(chw[1], k, s, where), valid(chw[2], k, s, where));
                }
                default -> throw new IllegalArgumentException(where + "unknown layer type (dense, conv2d, maxpool, output)");
            }
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("architecture has more than 2^31 parameters");
            }
            if (w != null) {
                params.add(w);
                params.add(b);
            }
            plans.add(new LayerPlan(i, l, shape, out, Optional.ofNullable(w), Optional.ofNullable(b)));
            shape = out;
        }
        return new ArchitecturePlan(spec, plans, params, (int) offset);
    }

    private static void activation(LayerSpec l, String where) {
        if (!HIDDEN_ACTIVATIONS.contains(l.activation())) {
            throw new IllegalArgumentException(where + "activation must be one of " + HIDDEN_ACTIVATIONS
                    + ", got " + l.activation());
        }
    }

    private static int[] image(List<Integer> shape, String where) {
        if (shape.size() != 3) {
            throw new IllegalArgumentException(where + "needs an image input [c,h,w], got " + shape);
        }
        return new int[]{shape.get(0), shape.get(1), shape.get(2)};
    }

    private static int valid(int size, int k, int s, String where) {
        if (k > size) {
            throw new IllegalArgumentException(where + "kernel " + k + " exceeds input size " + size);
        }
        return (size - k) / s + 1;
    }

    private static int positive(Integer v, String what) {
        if (v == null || v < 1) {
            throw new IllegalArgumentException(what + " must be a positive integer, got " + v);
        }
        return v;
    }

    /** The spec this plan was made from. */
    public ArchitectureSpec spec() {
        return spec;
    }

    /** Layers with shapes, in spec order. */
    public List<LayerPlan> layers() {
        return layers;
    }

    /** Parameter tensors in flat-vector order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** Length of the flat parameter vector. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The architecture hash (SHA-256 of the canonical JSON, hex). */
    public String hash() {
        return hash;
    }

    /** True if the input is an image [c, h, w]. */
    public boolean imageInput() {
        return spec.input().size() == 3;
    }

    /** Features per example. */
    public int inputSize() {
        return spec.input().stream().reduce(1, (a, b) -> a * b);
    }

    /** Number of classes (units of the output layer). */
    public int numClasses() {
        return spec.layers().get(spec.layers().size() - 1).units();
    }

    /**
     * Why data of {@code features} features and {@code classes} classes cannot be fed to this
     * architecture, or empty when it can: the one check the publisher makes before publishing and
     * a committee member makes before approving.
     *
     * @param whose how the message names the data, e.g. "the validation data"
     */
    public java.util.Optional<String> misfit(final int features, final int classes, final String whose) {
        if (features != inputSize()) {
            return java.util.Optional.of("the architecture takes " + inputSize() + " inputs but " + whose + " has " + features + " features");
        }
        if (classes != numClasses()) {
            return java.util.Optional.of("the architecture has " + numClasses() + " classes but " + whose + " has " + classes);
        }
        return java.util.Optional.empty();
    }
}

package dln.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated architecture with inferred shapes and the ONE flat parameter order every part of
 * dln uses (weight files, aggregation, SameDiff, export):
 *
 * <p>for each layer with parameters, in spec order, its tensors in this order, each flattened in
 * row-major (c) order of the shape in {@link ParamSpec#shape()}:
 * <ul>
 *   <li>dense, output: W [nIn, nOut], then b [nOut];</li>
 *   <li>conv2d: W [kH, kW, inChannels, outChannels], then b [outChannels];</li>
 *   <li>batchnorm: gamma [c], beta [c], running mean [c], running variance [c];</li>
 *   <li>embedding: one table [cardinality, units] per categorical column, in column order.</li>
 * </ul>
 *
 * <p>The batch-norm running statistics are parameters like any other for everything outside
 * the engines: they travel in weight files, and aggregation combines them coordinate by
 * coordinate exactly as it combines weights (FedAvg: the sample-weighted mean of the running
 * means and of the running variances). Gradients never train them; the forward pass in training
 * moves them ({@link LayerSpec#momentum()}).
 *
 * <p>Offsets and the parameter count are {@code long}, so planning a model of any size does not
 * overflow; engines hold the vector in a Java array and take {@link #parameterArrayLength()},
 * which refuses beyond 2^31-1.
 */
public final class ArchitecturePlan {
    private static final Set<String> HIDDEN_ACTIVATIONS = Set.of("relu", "tanh", "sigmoid", "identity");
    /** The fields each layer type reads besides {@code type}; any other field set is an error. */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("dense", Set.of("units", "activation")),
            Map.entry("conv2d", Set.of("filters", "kernel", "stride", "activation", "padding")),
            Map.entry("maxpool", Set.of("kernel", "stride", "padding")),
            Map.entry("avgpool", Set.of("kernel", "stride", "padding")),
            Map.entry("globalavgpool", Set.of()),
            Map.entry("globalmaxpool", Set.of()),
            Map.entry("batchnorm", Set.of("momentum", "epsilon", "activation")),
            Map.entry("dropout", Set.of("rate")),
            Map.entry("add", Set.of("from", "activation")),
            Map.entry("flatten", Set.of()),
            Map.entry("reshape", Set.of("shape")),
            Map.entry("embedding", Set.of("columns", "cardinalities", "units")),
            Map.entry("output", Set.of("units", "activation", "loss", "threshold")));

    private final ArchitectureSpec spec;
    private final List<LayerPlan> layers;
    private final List<ParamSpec> params;
    private final long parameterCount;
    private final Head head;
    private final String hash;

    private ArchitecturePlan(ArchitectureSpec spec, List<LayerPlan> layers, List<ParamSpec> params, long count) {
        this.spec = spec;
        this.layers = List.copyOf(layers);
        this.params = List.copyOf(params);
        this.parameterCount = count;
        this.head = Head.of(spec.layers().get(spec.layers().size() - 1));
        this.hash = SpecJson.architectureHash(spec);
    }

    /**
     * Validates {@code spec} and infers shapes.
     *
     * @throws IllegalArgumentException naming the first offending layer (index and type) and
     *                                  the problem; a shape mismatch gives both shapes
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
            if (l.type() == null || !FIELDS.containsKey(l.type())) {
                throw new IllegalArgumentException(where + "unknown layer type; one of " + new java.util.TreeSet<>(FIELDS.keySet()));
            }
            fields(l, where);
            List<Integer> out;
            List<ParamSpec> mine = new ArrayList<>();
            switch (l.type()) {
                case "dense", "output" -> {
                    int units = positive(l.units(), where + "units");
                    if ("output".equals(l.type())) {
                        head(l, i, spec.layers().size(), where);
                    } else {
                        activation(l.activation(), where);
                    }
                    long nIn = size(shape);
                    mine.add(new ParamSpec("l" + i + "_W", i, ParamSpec.Role.WEIGHT, List.of(Math.toIntExact(nIn), units), offset, nIn, units));
                    mine.add(new ParamSpec("l" + i + "_b", i, ParamSpec.Role.BIAS, List.of(units), offset + nIn * units, nIn, units));
                    out = List.of(units);
                }
                case "conv2d" -> {
                    int[] chw = image(shape, where);
                    int f = positive(l.filters(), where + "filters");
                    int k = positive(l.kernel(), where + "kernel");
                    int s = positive(l.stride(), where + "stride");
                    activation(l.activation(), where);
                    out = window(l, f, chw, k, s, where);
                    long fanIn = (long) chw[0] * k * k;
                    long fanOut = (long) f * k * k;
                    mine.add(new ParamSpec("l" + i + "_W", i, ParamSpec.Role.WEIGHT, List.of(k, k, chw[0], f), offset, fanIn, fanOut));
                    mine.add(new ParamSpec("l" + i + "_b", i, ParamSpec.Role.BIAS, List.of(f), offset + fanIn * f, fanIn, fanOut));
                }
                case "maxpool", "avgpool" -> {
                    int[] chw = image(shape, where);
                    int k = positive(l.kernel(), where + "kernel");
                    int s = positive(l.stride(), where + "stride");
                    out = window(l, chw[0], chw, k, s, where);
                }
                case "globalavgpool", "globalmaxpool" -> out = List.of(image(shape, where)[0]);
                case "batchnorm" -> {
                    if (l.activation() != null) {
                        activation(l.activation(), where);
                    }
                    if (l.momentum() != null && !(l.momentum() >= 0 && l.momentum() < 1)) {
                        throw new IllegalArgumentException(where + "momentum must be in [0, 1), got " + l.momentum());
                    }
                    if (l.epsilon() != null && !(l.epsilon() > 0)) {
                        throw new IllegalArgumentException(where + "epsilon must be > 0, got " + l.epsilon());
                    }
                    int c = shape.get(0);
                    long o = offset;
                    for (var role : List.of(ParamSpec.Role.GAMMA, ParamSpec.Role.BETA, ParamSpec.Role.RUNNING_MEAN, ParamSpec.Role.RUNNING_VAR)) {
                        String suffix = switch (role) {
                            case GAMMA -> "gamma";
                            case BETA -> "beta";
                            case RUNNING_MEAN -> "mean";
                            default -> "var";
                        };
                        mine.add(new ParamSpec("l" + i + "_" + suffix, i, role, List.of(c), o, 1, 1));
                        o += c;
                    }
                    out = shape;
                }
                case "dropout" -> {
                    if (l.rate() == null || !(l.rate() >= 0 && l.rate() < 1)) {
                        throw new IllegalArgumentException(where + "rate must be in [0, 1), got " + l.rate());
                    }
                    out = shape;
                }
                case "add" -> {
                    if (l.from() == null || l.from() < 0 || l.from() >= i) {
                        throw new IllegalArgumentException(where + "from must name an earlier layer (0.." + (i - 1) + "), got " + l.from());
                    }
                    if (l.activation() != null) {
                        activation(l.activation(), where);
                    }
                    List<Integer> other = plans.get(l.from()).outShape();
                    if (!other.equals(shape)) {
                        throw new IllegalArgumentException(where + "cannot add layer " + l.from() + "'s output " + other
                                + " onto " + shape + " (the previous layer's output); the shapes must be equal");
                    }
                    out = shape;
                }
                case "flatten" -> out = List.of(Math.toIntExact(size(shape)));
                case "reshape" -> {
                    List<Integer> to = l.shape();
                    if (to == null || !(to.size() == 1 || to.size() == 3) || to.stream().anyMatch(v -> v == null || v < 1)) {
                        throw new IllegalArgumentException(where + "shape must be [n] or [c, h, w] of positive sizes, got " + to);
                    }
                    if (size(to) != size(shape)) {
                        throw new IllegalArgumentException(where + "cannot reshape " + shape + " (" + size(shape) + " values) to "
                                + to + " (" + size(to) + " values)");
                    }
                    out = to;
                }
                case "embedding" -> {
                    out = embedding(l, i, shape, where);
                    long o = offset;
                    for (int c = 0; c < l.columns().size(); c++) {
                        int card = l.cardinalities().get(c);
                        mine.add(new ParamSpec("l" + i + "_E" + c, i, ParamSpec.Role.EMBEDDING, List.of(card, l.units()), o, card, l.units()));
                        o += (long) card * l.units();
                    }
                }
                default -> throw new IllegalStateException("unplanned layer type " + l.type());
            }
            for (ParamSpec p : mine) {
                offset = Math.max(offset, p.offset() + p.length());
            }
            params.addAll(mine);
            plans.add(new LayerPlan(i, l, shape, out, mine));
            shape = out;
        }
        return new ArchitecturePlan(spec, plans, params, offset);
    }

    private static void fields(LayerSpec l, String where) {
        Set<String> set = new java.util.TreeSet<>();
        for (java.lang.reflect.RecordComponent c : LayerSpec.class.getRecordComponents()) {
            try {
                if (!"type".equals(c.getName()) && c.getAccessor().invoke(l) != null) {
                    set.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read LayerSpec." + c.getName(), e);
            }
        }
        set.removeAll(FIELDS.get(l.type()));
        if (!set.isEmpty()) {
            throw new IllegalArgumentException(where + "field(s) " + set + " do not apply (it reads "
                    + new java.util.TreeSet<>(FIELDS.get(l.type())) + ")");
        }
    }

    private static void head(LayerSpec l, int i, int count, String where) {
        if (i != count - 1) {
            throw new IllegalArgumentException(where + "the output layer must be last");
        }
        String a = l.activation();
        String loss = l.loss();
        if ("softmax".equals(a) && "mcxent".equals(loss)) {
            if (l.units() < 2) {
                throw new IllegalArgumentException(where + "a softmax head needs at least 2 units, got " + l.units()
                        + " (for a binary problem use activation sigmoid, loss xent, 1 unit)");
            }
        } else if ("sigmoid".equals(a) && "xent".equals(loss)) {
            if (l.units() != 1) {
                throw new IllegalArgumentException(where + "the sigmoid head has 1 unit, got " + l.units());
            }
            if (l.threshold() != null && !(l.threshold() > 0 && l.threshold() < 1)) {
                throw new IllegalArgumentException(where + "threshold must be in (0, 1), got " + l.threshold());
            }
        } else if (!("identity".equals(a) && "mse".equals(loss))) {
            throw new IllegalArgumentException(where + "activation/loss must be softmax/mcxent, sigmoid/xent or identity/mse, got "
                    + a + "/" + loss);
        }
        if (l.threshold() != null && !"sigmoid".equals(a)) {
            throw new IllegalArgumentException(where + "threshold applies to the sigmoid head only");
        }
    }

    private static List<Integer> embedding(LayerSpec l, int i, List<Integer> shape, String where) {
        if (i != 0 || shape.size() != 1) {
            throw new IllegalArgumentException(where + "an embedding must be the first layer, on a [features] input; got input " + shape);
        }
        int units = positive(l.units(), where + "units");
        List<Integer> cols = l.columns();
        List<Integer> cards = l.cardinalities();
        if (cols == null || cols.isEmpty() || cards == null || cards.size() != cols.size()) {
            throw new IllegalArgumentException(where + "needs columns and cardinalities, one per column, got " + cols + " and " + cards);
        }
        Set<Integer> seen = new java.util.HashSet<>();
        for (int c = 0; c < cols.size(); c++) {
            Integer col = cols.get(c);
            if (col == null || col < 0 || col >= shape.get(0) || !seen.add(col)) {
                throw new IllegalArgumentException(where + "column " + col + " is not a distinct input column in 0.." + (shape.get(0) - 1));
            }
            positive(cards.get(c), where + "cardinality of column " + col);
        }
        return List.of(shape.get(0) - cols.size() + cols.size() * units);
    }

    private static void activation(String activation, String where) {
        if (!HIDDEN_ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException(where + "activation must be one of " + new java.util.TreeSet<>(HIDDEN_ACTIVATIONS)
                    + ", got " + activation);
        }
    }

    private static int[] image(List<Integer> shape, String where) {
        if (shape.size() != 3) {
            throw new IllegalArgumentException(where + "needs an image input [c, h, w], got " + shape);
        }
        return new int[]{shape.get(0), shape.get(1), shape.get(2)};
    }

    /** [channels, h, w] after a k x k window at stride s: ceil(in / s) when same-padded, (in - k) / s + 1 when valid. */
    private static List<Integer> window(LayerSpec l, int channels, int[] chw, int k, int s, String where) {
        if (l.padding() != null && !Set.of("valid", "same").contains(l.padding())) {
            throw new IllegalArgumentException(where + "padding must be valid or same, got " + l.padding());
        }
        if ("same".equals(l.padding())) {
            return List.of(channels, (chw[1] + s - 1) / s, (chw[2] + s - 1) / s);
        }
        return List.of(channels, valid(chw[1], k, s, where), valid(chw[2], k, s, where));
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

    private static long size(List<Integer> shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Refuses an array end beyond what a Java array can index. */
    static void checkArrayEnd(long end, String what) {
        if (end > Integer.MAX_VALUE) {
            throw new IllegalStateException(what + " reaches index " + end + ", beyond the 2^31-1 values a Java array holds");
        }
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
    public long parameterCount() {
        return parameterCount;
    }

    /**
     * Multiply-adds of one example's forward pass through the weighted layers: each weight used
     * once per output position (dense: once; a convolution: once per output pixel). The size of
     * the work a batch hands the native ops, not a timing.
     */
    public long multiplyAddsPerExample() {
        long total = 0;
        for (LayerPlan l : layers) {
            if (l.weight().isEmpty() || l.outShape().isEmpty()) {
                continue;
            }
            long out = 1;
            for (int d : l.outShape()) {
                out *= d;
            }
            total += l.weight().get().length() * (out / l.outShape().get(0));
        }
        return total;
    }

    /**
     * Length of the flat parameter vector as the length of the Java array that holds it.
     *
     * @throws IllegalStateException beyond 2^31-1 parameters
     */
    public int parameterArrayLength() {
        checkArrayEnd(parameterCount, "the parameter vector of architecture " + hash.substring(0, 12));
        return (int) parameterCount;
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
        return spec.input().stream().reduce(1, Math::multiplyExact);
    }

    /** The output head. */
    public Head head() {
        return head;
    }

    /** Units of the output layer. */
    public int outputUnits() {
        return head.units();
    }

    /** Number of classes: the softmax head's units, 2 for the sigmoid head, 0 for a regression head. */
    public int numClasses() {
        return head.classes();
    }

    /** True when some layer behaves differently in training (batchnorm, dropout). */
    public boolean hasTrainingMode() {
        return layers.stream().anyMatch(l -> Set.of("batchnorm", "dropout").contains(l.spec().type()));
    }

    /**
     * Why data of {@code features} features and {@code classes} classes (0: float targets, a
     * regression) cannot be fed to this
     * architecture, or empty when it can: the one check the publisher makes before publishing and
     * a committee member makes before approving.
     *
     * @param whose how the message names the data, e.g. "the validation data"
     */
    public java.util.Optional<String> misfit(final int features, final int classes, final String whose) {
        if (features != inputSize()) {
            return java.util.Optional.of("the architecture takes " + inputSize() + " inputs but " + whose + " has " + features + " features");
        }
        if (head.kind() == Head.Kind.REGRESSION) {
            if (classes != 0) {
                return java.util.Optional.of("the architecture has a regression head but " + whose + " has class labels");
            }
            return head.units() == 1 ? java.util.Optional.empty()
                    : java.util.Optional.of("the architecture's regression head has " + head.units() + " outputs but " + whose + " has one target");
        }
        if (classes == 0) {
            return java.util.Optional.of("the architecture has " + numClasses() + " classes but " + whose + " has float targets (a regression)");
        }
        if (classes != numClasses()) {
            return java.util.Optional.of("the architecture has " + numClasses() + " classes but " + whose + " has " + classes);
        }
        return java.util.Optional.empty();
    }
}

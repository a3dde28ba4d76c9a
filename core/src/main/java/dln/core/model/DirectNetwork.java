package dln.core.model;

import dln.core.data.Dataset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layers of an {@link ArchitecturePlan} executed op by op with ND4J into buffers allocated
 * once: the same layers, ops and loss as {@link SameDiffNetwork} (its reference, checked by
 * DirectNetworkTest), without SameDiff's per-op bookkeeping, which dominated the small built-in
 * models (docs/performance.md).
 *
 * <p>Parameters and gradients live in two flat [1, P] arrays laid out exactly as the flat vector
 * of {@link ArchitecturePlan} (every layer's weights and bias are views into them), so loading a
 * vector is one copy and an optimiser steps every tensor in one op. Activations live in buffers
 * allocated once per batch size seen. Not thread-safe: one instance per thread.
 *
 * <p>It runs dense, conv2d and max and average pooling (valid or same padding), global pooling, flatten and the
 * softmax head ({@link #supports}); {@link Network#of} gives other plans to SameDiff.
 */
public final class DirectNetwork implements Network {
    private static final java.util.Set<String> LAYERS = java.util.Set.of("dense", "conv2d", "maxpool", "avgpool", "globalmaxpool",
            "globalavgpool", "flatten", "output");

    private final ArchitecturePlan plan;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    private final Map<Integer, Buffers> training = new HashMap<>();
    private final Map<Integer, Buffers> inference = new HashMap<>();

    private DirectNetwork(ArchitecturePlan plan) {
        this.plan = plan;
        int p = plan.parameterArrayLength();
        this.params = Nd4j.create(DataType.FLOAT, 1, p);
        this.grads = Nd4j.create(DataType.FLOAT, 1, p);
        int layers = plan.layers().size();
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGrads = new INDArray[layers];
        biasGrads = new INDArray[layers];
        for (LayerPlan l : plan.layers()) {
            l.weight().ifPresent(w -> {
                weights[l.index()] = view(params, w);
                weightGrads[l.index()] = view(grads, w);
            });
            l.biasParam().ifPresent(b -> {
                biases[l.index()] = view(params, b);
                biasGrads[l.index()] = view(grads, b);
            });
        }
    }

    /** True when this engine runs every layer and the head of {@code plan}. */
    public static boolean supports(ArchitecturePlan plan) {
        return plan.head().kind() == Head.Kind.SOFTMAX
                && plan.layers().stream().allMatch(l -> LAYERS.contains(l.spec().type()));
    }

    /**
     * The network of {@code plan} with parameters {@code params}.
     *
     * @throws IllegalArgumentException for a plan it does not run ({@link #supports})
     */
    public static DirectNetwork of(ArchitecturePlan plan, float[] params) {
        if (!supports(plan)) {
            throw new IllegalArgumentException("DirectNetwork runs " + new java.util.TreeSet<>(LAYERS)
                    + " with the softmax head; use Network.of for this plan");
        }
        DirectNetwork n = new DirectNetwork(plan);
        n.setParameters(params);
        return n;
    }

    private static INDArray view(INDArray flat, ParamSpec p) {
        INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(p.arrayOffset(), p.arrayOffset() + p.arrayLength()))
                .reshape('c', p.shapeLongs());
        if (v.data() != flat.data() && v.data().originalDataBuffer() != flat.data()) {
            throw new IllegalStateException("ND4J copied the view of " + p.name());
        }
        return v;
    }

    /** Overwrites every parameter from a flat vector. */
    public void setParameters(float[] values) {
        if (values.length != plan.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has " + values.length + " values, architecture "
                    + plan.hash().substring(0, 12) + " needs " + plan.parameterCount());
        }
        put(params, values, values.length);
    }

    /** The current parameters as a new flat vector. */
    public float[] getParameters() {
        return params.data().asFloat();
    }

    /** The flat parameters [1, P] (the optimiser steps them in place). */
    public INDArray parameters() {
        return params;
    }

    /** The flat gradient [1, P] of the last {@link #gradient} call. */
    public INDArray gradients() {
        return grads;
    }

    /** The plan. */
    public ArchitecturePlan plan() {
        return plan;
    }

    /**
     * Class probabilities [n, classes] of the {@code n} examples of {@code data} at positions
     * {@code start..start+n-1} of {@code order}. The array is a buffer of this network,
     * overwritten by the next call with the same {@code n}.
     */
    public INDArray predict(Dataset data, int[] order, int start, int n) {
        Buffers b = buffers(inference, n, false);
        b.load(data, order, start, false);
        forward(b);
        return b.probs;
    }

    /**
     * Forward and backward pass on a mini-batch: fills {@link #gradients()} with the gradient of
     * the mean cross-entropy (as SameDiff's {@code softmaxCrossEntropy}) and returns that loss.
     */
    public double gradient(Dataset data, int[] order, int start, int n) {
        Buffers b = buffers(training, n, true);
        b.load(data, order, start, true);
        forward(b);
        double loss = b.meanLoss(data, order, start);
        backward(b);
        return loss;
    }

    private Buffers buffers(Map<Integer, Buffers> cache, int n, boolean withGradients) {
        if (n < 1) {
            throw new IllegalArgumentException("batch of " + n + " examples");
        }
        return cache.computeIfAbsent(n, k -> new Buffers(k, withGradients));
    }

    private void forward(Buffers b) {
        INDArray x = b.input;
        for (LayerPlan l : plan.layers()) {
            int i = l.index();
            switch (l.spec().type()) {
                case "conv2d" -> {
                    b.convForward[i].run();
                    b.runActivation(i);
                }
                case "maxpool", "globalmaxpool", "avgpool", "globalavgpool" -> b.poolForward[i].run();
                case "flatten" -> {
                    // out is a view of the input (see Buffers)
                }
                case "dense", "output" -> {
                    b.products[i].run();
                    if ("output".equals(l.spec().type())) {
                        b.softmax.run();
                    } else {
                        b.runActivation(i);
                    }
                }
                default -> throw new IllegalStateException("unplanned layer type " + l.spec().type());
            }
            x = b.out[i];
        }
    }

    private void backward(Buffers b) {
        List<LayerPlan> layers = plan.layers();
        int last = layers.size() - 1;
        // d(mean cross-entropy)/d(logits) = (softmax - onehot) / n
        b.headGradient.run();
        b.dPre[last].divi(b.n);
        for (int i = last; i >= 0; i--) {
            LayerPlan l = layers.get(i);
            INDArray dIn = i == 0 ? b.dInput : b.dOut[i - 1];
            switch (l.spec().type()) {
                case "conv2d" -> {
                    b.runActivationBackward(i);
                    if (b.firstConv != null && i == 0) {
                        b.firstConv.backward(b.inputStage, b.dPre[i], weightGrads[i], biasGrads[i]);
                        continue;
                    }
                    b.convBackward[i].run();
                }
                case "maxpool", "globalmaxpool", "avgpool", "globalavgpool" -> b.poolBackward[i].run();
                case "flatten" -> {
                    // dOut is a view of dIn (see Buffers)
                }
                case "dense", "output" -> {
                    if (i != last) {
                        b.runActivationBackward(i);
                    }
                    b.weightGradProducts[i].run();
                    b.biasGradSums[i].run();
                    if (i > 0) {
                        b.inputGradProducts[i].run();
                    }
                }
                default -> throw new IllegalStateException("unplanned layer type " + l.spec().type());
            }
        }
    }

    /**
     * {@code c = op(a) op(b)}, {@code op} transposing when asked, as ND4J's {@code Mmul} op
     * straight into {@code c} (no {@code GemmParams}, no copy of an operand), prepared once per
     * batch size. Measured on this machine kind, it runs the products of these models at
     * 0.42-0.96x the time of OpenBLAS's {@code cblas_sgemm}, the path before it, and scales to two
     * threads where OpenBLAS did not (500x784x200: 0.78 ms against 1.1-1.5 ms; docs/performance.md).
     * Its partition of the work depends on the shapes and thread count only, so repeated runs are
     * bit-identical (DirectNetworkTest).
     */
    private static PreparedOp product(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c) {
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transA ? a.size(0) : a.size(1));
        if ((transA ? a.size(1) : a.size(0)) != m || (transB ? b.size(1) : b.size(0)) != k || (transB ? b.size(0) : b.size(1)) != n) {
            throw new IllegalStateException("matmul of " + java.util.Arrays.toString(a.shape()) + (transA ? "^T" : "") + " and "
                    + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "") + " into " + java.util.Arrays.toString(c.shape()));
        }
        return new PreparedOp(new Mmul(a, b, c, MMulTranspose.builder().transposeA(transA).transposeB(transB).build()));
    }

    /**
     * The memory of a row-major contiguous array, at its first element (a view's buffer already
     * starts at the view's offset).
     */
    static FloatPointer pointer(INDArray x) {
        if (x.ordering() != 'c' || x.elementWiseStride() != 1 || x.dataType() != DataType.FLOAT) {
            throw new IllegalStateException("not a contiguous row-major float array: " + x.shapeInfoToString());
        }
        return (FloatPointer) x.data().addressPointer();
    }

    /**
     * The activation from {@code z} into {@code out}, prepared; null for identity (out is z itself,
     * see Buffers). libnd4j's declarable {@code relu}, {@code tanh} and {@code sigmoid} apply the
     * same kernels as the legacy ops built afresh before (same bits: DirectNetworkTest), through a
     * context made once.
     */
    private static PreparedOp activation(String activation, INDArray z, INDArray out) {
        return switch (activation) {
            case "relu" -> new PreparedOp(DynamicCustomOp.builder("relu").addInputs(z).addOutputs(out).addFloatingPointArguments(0.0).build());
            case "tanh" -> new PreparedOp(DynamicCustomOp.builder("tanh").addInputs(z).addOutputs(out).build());
            case "sigmoid" -> new PreparedOp(DynamicCustomOp.builder("sigmoid").addInputs(z).addOutputs(out).build());
            case "identity" -> null;
            default -> throw new IllegalArgumentException("unsupported activation " + activation);
        };
    }

    /** The activation's backward step from {@code dOut} into {@code dPre}, prepared; null for identity (dPre is dOut itself, see Buffers). */
    private static PreparedOp activationBackward(String activation, INDArray z, INDArray dOut, INDArray dPre) {
        return switch (activation) {
            case "relu" -> new PreparedOp(new RectifiedLinearDerivative(z, dOut, dPre, 0));
            case "tanh" -> new PreparedOp(new TanhDerivative(z, dOut, dPre));
            case "sigmoid" -> new PreparedOp(new SigmoidDerivative(z, dOut, dPre));
            case "identity" -> null;
            default -> throw new IllegalArgumentException("unsupported activation " + activation);
        };
    }

    /** Copies {@code len} floats into a contiguous array's buffer, with no intermediate array. */
    private static void put(INDArray target, float[] values, int len) {
        FloatPointer ptr = (FloatPointer) target.data().addressPointer();
        ptr.position(target.offset()).put(values, 0, len);
        ptr.position(0);
    }

    /** Every buffer of one batch size: inputs, per-layer outputs and (for training) their gradients. */
    private final class Buffers {
        final int n;
        final INDArray input;
        final float[] inputStage;
        final INDArray labels;
        final float[] labelStage;
        final INDArray probs;
        final float[] probsStage;
        final INDArray dInput;
        final INDArray[] pre;
        final INDArray[] out;
        final INDArray[] dPre;
        final INDArray[] dOut;
        final INDArray[] flatIn;
        final INDArray[] flatDIn;
        final Pooling2DConfig[] pool;
        /** The input layer's weight gradient, when it is a convolution it can take ({@link FirstConvGradient#supports}). */
        final FirstConvGradient firstConv;
        /** Each dense layer's {@code x W + b}, the bias inside the product. */
        final BiasedProduct[] products;
        /*
         * Every other op of a step, bound once to this batch size's buffers like the products:
         * built afresh for every batch, each op cost a fixed ~30 µs of CPU and its Java objects
         * (docs/performance.md, "Fourth round" and "Tenth round"), a dozen of them a batch for the
         * MLP. The backward ones are null without gradients, an activation's for the identity.
         */
        /** Each convolution into its {@code pre}. */
        final PreparedOp[] convForward;
        /** Each convolution's gradients (not the first's when {@link #firstConv} takes it). */
        final PreparedOp[] convBackward;
        /** Each layer's activation, {@code pre} into {@code out}. */
        final PreparedOp[] activationForward;
        /** Each layer's activation gradient, {@code dOut} into {@code dPre}. */
        final PreparedOp[] activationBackward;
        /** Each dense layer's {@code x^T dPre} into its weight gradient. */
        final PreparedOp[] weightGradProducts;
        /** Each dense layer's bias gradient, the column sums of its {@code dPre}. */
        final PreparedOp[] biasGradSums;
        /** Each dense layer's {@code dPre W^T} into its input's gradient (none for the first layer). */
        final PreparedOp[] inputGradProducts;
        /** {@code probs - labels} into the last layer's {@code dPre}. */
        final PreparedOp headGradient;
        /** The head's softmax from the last layer's logits into {@link #probs}. */
        final PreparedOp softmax;
        /**
         * Each pooling layer's forward and backward op, on libnd4j's own kernels: the onednn
         * build's helper runs NCHW pooling in oneDNN's reference implementation, which took 7x
         * the CPU time forward and 3x backward (84 ms against 12 ms for a [500, 20, 24, 24]
         * max pooling; docs/performance.md, "Fifth round"): most of a LeNet evaluation.
         */
        final PreparedOp[] poolForward;
        final PreparedOp[] poolBackward;
        /** What a pooling op writes: the output itself, or for global pooling its [n, c, 1, 1] view. */
        final INDArray[] poolOut;
        final INDArray[] poolDOut;

        Buffers(int n, boolean withGradients) {
            this.n = n;
            int layers = plan.layers().size();
            int k = plan.numClasses();
            inputStage = new float[n * plan.inputSize()];
            labelStage = new float[n * k];
            probsStage = new float[n * k];
            input = Nd4j.create(DataType.FLOAT, batched(n, plan.spec().input()));
            dInput = withGradients ? Nd4j.create(DataType.FLOAT, input.shape()) : null;
            labels = withGradients ? Nd4j.create(DataType.FLOAT, n, k) : null;
            probs = Nd4j.create(DataType.FLOAT, n, k);
            pre = new INDArray[layers];
            out = new INDArray[layers];
            dPre = new INDArray[layers];
            dOut = new INDArray[layers];
            flatIn = new INDArray[layers];
            flatDIn = new INDArray[layers];
            pool = new Pooling2DConfig[layers];
            poolOut = new INDArray[layers];
            poolDOut = new INDArray[layers];
            poolForward = new PreparedOp[layers];
            poolBackward = new PreparedOp[layers];
            products = new BiasedProduct[layers];
            activationForward = new PreparedOp[layers];
            convForward = new PreparedOp[layers];
            convBackward = new PreparedOp[layers];
            weightGradProducts = new PreparedOp[layers];
            biasGradSums = new PreparedOp[layers];
            inputGradProducts = new PreparedOp[layers];
            activationBackward = new PreparedOp[layers];
            LayerPlan first = plan.layers().get(0);
            firstConv = withGradients && FirstConvGradient.supports(first) ? new FirstConvGradient(first, n) : null;
            for (LayerPlan l : plan.layers()) {
                int i = l.index();
                LayerSpec s = l.spec();
                long[] shape = batched(n, l.outShape());
                INDArray in = i == 0 ? input : out[i - 1];
                INDArray dIn = i == 0 ? dInput : dOut[i - 1];
                if ("flatten".equals(s.type())) {
                    out[i] = sameBuffer(in, in.reshape('c', shape));
                    dOut[i] = withGradients ? sameBuffer(dIn, dIn.reshape('c', shape)) : null;
                    continue;
                }
                out[i] = Nd4j.create(DataType.FLOAT, shape);
                dOut[i] = withGradients ? Nd4j.create(DataType.FLOAT, shape) : null;
                boolean identity = "identity".equals(s.activation()) || "output".equals(s.type());
                if (!s.type().endsWith("pool")) {
                    // Without gradients nothing reads the pre-activations again: the activation
                    // runs in place, one buffer fewer per layer in the cache.
                    pre[i] = identity || !withGradients ? out[i] : Nd4j.create(DataType.FLOAT, shape);
                    dPre[i] = identity || !withGradients ? dOut[i] : Nd4j.create(DataType.FLOAT, shape);
                }
                switch (s.type()) {
                    case "conv2d" -> {
                        Conv2DConfig conv = Conv2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(s.stride()).sW(s.stride())
                                .paddingMode("same".equals(s.padding()) ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
                        Conv2D forward = new Conv2D(new INDArray[]{in, weights[i], biases[i]}, new INDArray[]{pre[i]}, conv);
                        int[] args = ints(forward.iArgs());
                        convForward[i] = new PreparedOp(forward);
                        // The first convolution's gradient may be FirstConvGradient's instead (see backward).
                        convBackward[i] = !withGradients || (i == 0 && firstConv != null) ? null
                                : new PreparedOp(DynamicCustomOp.builder("conv2d_bp").addInputs(in, weights[i], biases[i], dPre[i])
                                        .addOutputs(dIn, weightGrads[i], biasGrads[i]).addIntegerArguments(args).build());
                        activationForward[i] = activation(s.activation(), pre[i], out[i]);
                        activationBackward[i] = withGradients ? activationBackward(s.activation(), pre[i], dOut[i], dPre[i]) : null;
                    }
                    case "maxpool", "avgpool", "globalmaxpool", "globalavgpool" -> {
                        boolean global = s.type().startsWith("global");
                        // Global pooling is pooling with one window the size of the image.
                        long[] four = {n, l.inShape().get(0), 1, 1};
                        pool[i] = global ? Pooling2DConfig.builder().kH(l.inShape().get(1)).kW(l.inShape().get(2)).sH(1).sW(1)
                                .paddingMode(PaddingMode.VALID).isNHWC(false).build() : SameDiffNetwork.pooling(s);
                        poolOut[i] = global ? sameBuffer(out[i], out[i].reshape('c', four)) : out[i];
                        poolDOut[i] = !withGradients ? null : global ? sameBuffer(dOut[i], dOut[i].reshape('c', four)) : dOut[i];
                        boolean max = s.type().endsWith("maxpool");
                        DynamicCustomOp forward = max ? new MaxPooling2D(in, poolOut[i], pool[i]) : new AvgPooling2D(in, poolOut[i], pool[i]);
                        int[] args = ints(forward.iArgs());
                        poolForward[i] = new PreparedOp(forward, false);
                        poolBackward[i] = !withGradients ? null : new PreparedOp(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
                                .addInputs(in, poolDOut[i]).addOutputs(dIn).addIntegerArguments(args).build(), false);
                    }
                    default -> {
                        flatIn[i] = in.reshape('c', n, l.inSize());
                        flatDIn[i] = withGradients ? dIn.reshape('c', n, l.inSize()) : null;
                        products[i] = new BiasedProduct(flatIn[i], weights[i], biases[i], pre[i]);
                        activationForward[i] = "output".equals(s.type()) ? null : activation(s.activation(), pre[i], out[i]);
                        if (withGradients) {
                            weightGradProducts[i] = product(flatIn[i], true, dPre[i], false, weightGrads[i]);
                            biasGradSums[i] = new PreparedOp(DynamicCustomOp.builder("reduce_sum").addInputs(dPre[i]).addOutputs(biasGrads[i])
                                    .addIntegerArguments(0).build());
                            inputGradProducts[i] = i > 0 ? product(dPre[i], false, weights[i], true, flatDIn[i]) : null;
                            activationBackward[i] = "output".equals(s.type()) ? null : activationBackward(s.activation(), pre[i], dOut[i], dPre[i]);
                        }
                    }
                }
            }
            softmax = new PreparedOp(new SoftMax(pre[layers - 1], probs, 1));
            headGradient = withGradients
                    ? new PreparedOp(DynamicCustomOp.builder("subtract").addInputs(probs, labels).addOutputs(dPre[layers - 1]).build()) : null;
        }

        /** Layer {@code i}'s activation into {@link #out}, unless it is the identity (then out is pre). */
        void runActivation(int i) {
            if (activationForward[i] != null) {
                activationForward[i].run();
            }
        }

        /** Layer {@code i}'s activation gradient into {@link #dPre}, unless it is the identity (then dPre is dOut). */
        void runActivationBackward(int i) {
            if (activationBackward[i] != null) {
                activationBackward[i].run();
            }
        }

        private static INDArray sameBuffer(INDArray of, INDArray view) {
            if (view.data() != of.data() && view.data().originalDataBuffer() != of.data()) {
                throw new IllegalStateException("ND4J copied a view of a buffer");
            }
            return view;
        }

        private static int[] ints(long[] v) {
            return java.util.Arrays.stream(v).mapToInt(Math::toIntExact).toArray();
        }

        private static long[] batched(int n, List<Integer> shape) {
            long[] s = new long[shape.size() + 1];
            s[0] = n;
            for (int j = 0; j < shape.size(); j++) {
                s[j + 1] = shape.get(j);
            }
            return s;
        }

        void load(Dataset d, int[] order, int start, boolean withLabels) {
            int nf = d.numFeatures();
            int k = d.numClasses();
            if (firstConv == null && consecutive(order, start)) {
                // Evaluation visits the examples in order: one copy, straight from the dataset.
                FloatPointer ptr = (FloatPointer) input.data().addressPointer();
                ptr.put(d.features(), order[start] * nf, n * nf);
            } else {
                // The first convolution's gradient reads the batch from the stage.
                for (int j = 0; j < n; j++) {
                    System.arraycopy(d.features(), order[start + j] * nf, inputStage, j * nf, nf);
                }
                put(input, inputStage, inputStage.length);
            }
            if (withLabels) {
                java.util.Arrays.fill(labelStage, 0f);
                for (int j = 0; j < n; j++) {
                    labelStage[j * k + d.labels()[order[start + j]]] = 1f;
                }
                put(labels, labelStage, labelStage.length);
            }
        }

        private boolean consecutive(int[] order, int start) {
            for (int j = 1; j < n; j++) {
                if (order[start + j] != order[start] + j) {
                    return false;
                }
            }
            return true;
        }

        /** Mean cross-entropy from the logits, in double: log-sum-exp minus the label's logit. */
        double meanLoss(Dataset d, int[] order, int start) {
            INDArray logits = pre[pre.length - 1];
            FloatPointer ptr = (FloatPointer) logits.data().addressPointer();
            ptr.position(logits.offset()).get(probsStage, 0, probsStage.length);
            ptr.position(0);
            int k = d.numClasses();
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, probsStage[j * k + c]);
                }
                double e = 0;
                for (int c = 0; c < k; c++) {
                    e += Math.exp(probsStage[j * k + c] - max);
                }
                sum += max + Math.log(e) - probsStage[j * k + d.labels()[order[start + j]]];
            }
            return sum / n;
        }
    }
}

package dln.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An architecture as a SameDiff graph, with its parameters loaded from and read back to the flat
 * vector of {@link ArchitecturePlan}. It runs every layer and head of the spec: the reference
 * the faster {@link DirectNetwork} is checked against, DP-SGD's engine, and the engine of plans
 * DirectNetwork does not run ({@link Network#of}). Not thread-safe: one instance per
 * architecture per thread.
 *
 * <p>Graph choices follow what was measured with ND4J 1.0.0-M2.1 (design.md): conv weights in the
 * default YXIO layout on NCHW activations; dense layers as {@code mmul + add}
 * ({@code nn().linear} breaks {@code fit}); biases as trainable variables; parameters located by
 * our own names, never by {@code sd.variables()} order. Batch normalisation is written out in
 * elementary ops (mean, variance, scale, shift), so its gradient is SameDiff's own chain rule.
 *
 * <p>Placeholders: {@code input} [batch, inputSize] and {@code label} [batch, outputUnits]
 * (one-hot for softmax, 0/1 for sigmoid, the targets for regression); when the plan has batch
 * norm or dropout also {@code train} (a scalar, 1 in training, 0 in inference) and one
 * {@code mask_l<i>} per dropout layer (0 or 1 / (1 - rate), the shape of the layer's output).
 * Outputs: {@code probs} (the head's output: softmax probabilities, the sigmoid's probability of
 * class 1, or the regression values) and {@code loss} (the head's mean loss, plus the FedProx
 * term when built with mu &gt; 0).
 *
 * <p>Batch normalisation in training normalises by the batch's mean and (biased) variance and
 * outputs them as {@code l<i>_bmean} and {@code l<i>_bvar}; {@link #trainingStep} turns them
 * into the new running statistics {@code momentum * running + (1 - momentum) * batch}. In
 * inference it normalises by the running statistics.
 */
public final class SameDiffNetwork {
    /** Name of the features placeholder. */
    public static final String INPUT = "input";
    /** Name of the targets placeholder. */
    public static final String LABEL = "label";
    /** Name of the training-mode placeholder (plans with batch norm or dropout). */
    public static final String TRAIN = "train";
    /** Name of the head's output. */
    public static final String PROBS = "probs";
    /** Name of the loss being minimised. */
    public static final String LOSS = "loss";
    private static final String ANCHOR = "anchor_";

    private final ArchitecturePlan plan;
    private final SameDiff sd;
    private final DataType type;
    private final double fedProxMu;
    private final Map<Integer, Tap> taps;
    private final Map<Integer, String> outputs;

    /**
     * Where a layer with parameters can be observed: the graph variable holding its input (after
     * any flattening) and the one holding its pre-activation output. Per-example gradients are
     * built from these two (dln.core.privacy).
     */
    public record Tap(String input, String preActivation) {
    }

    /**
     * One training pass.
     *
     * @param loss         the batch's mean loss
     * @param gradients    the gradient of each trainable tensor, by name
     * @param runningStats the new running mean and variance of each batch-norm layer, by tensor
     *                     name ({@code l<i>_mean}, {@code l<i>_var}), to be stored after the
     *                     optimiser's step
     */
    public record Step(double loss, Map<String, INDArray> gradients, Map<String, INDArray> runningStats) {
    }

    private SameDiffNetwork(ArchitecturePlan plan, SameDiff sd, DataType type, double fedProxMu,
                            Map<Integer, Tap> taps, Map<Integer, String> outputs) {
        this.plan = plan;
        this.sd = sd;
        this.type = type;
        this.fedProxMu = fedProxMu;
        this.taps = Map.copyOf(taps);
        this.outputs = Map.copyOf(outputs);
    }

    /** Builds the graph for inference and plain training, with parameters {@code params}. */
    public static SameDiffNetwork build(ArchitecturePlan plan, float[] params) {
        return build(plan, params, 0);
    }

    /**
     * Builds the graph; with {@code fedProxMu > 0} the loss gets {@code mu/2 * ||w - anchor||^2},
     * the anchor being {@code params} (the model the local training starts from).
     */
    public static SameDiffNetwork build(ArchitecturePlan plan, float[] params, double fedProxMu) {
        return build(plan, params, fedProxMu, DataType.FLOAT);
    }

    /** Builds the graph computing in {@code type} (tests check gradients in double precision). */
    static SameDiffNetwork build(ArchitecturePlan plan, float[] params, double fedProxMu, DataType type) {
        checkLength(plan, params);
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder(INPUT, type, -1, plan.inputSize());
        SDVariable label = sd.placeHolder(LABEL, type, -1, plan.outputUnits());
        SDVariable train = plan.hasTrainingMode() ? sd.placeHolder(TRAIN, type) : null;
        Map<String, SDVariable> vars = new HashMap<>();
        for (ParamSpec p : plan.params()) {
            vars.put(p.name(), sd.var(p.name(), slice(params, p, type)));
        }
        SDVariable x = input;
        if (plan.imageInput()) {
            List<Integer> in = plan.spec().input();
            x = sd.reshape(x, -1, in.get(0), in.get(1), in.get(2));
        }
        SDVariable logits = null;
        Map<Integer, Tap> taps = new HashMap<>();
        Map<Integer, SDVariable> outs = new HashMap<>();
        for (LayerPlan l : plan.layers()) {
            LayerSpec s = l.spec();
            String p = "l" + l.index();
            switch (s.type()) {
                case "conv2d" -> {
                    Conv2DConfig c = Conv2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(s.stride()).sW(s.stride())
                            .paddingMode(padding(s)).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
                    SDVariable z = sd.cnn().conv2d(x, vars.get(p + "_W"), vars.get(p + "_b"), c);
                    taps.put(l.index(), new Tap(x.name(), z.name()));
                    x = activate(sd, z, s.activation());
                }
                case "maxpool" -> x = sd.cnn().maxPooling2d(x, pooling(s));
                case "avgpool" -> x = sd.cnn().avgPooling2d(x, pooling(s));
                case "globalavgpool" -> x = x.mean(2, 3);
                case "globalmaxpool" -> x = x.max(2, 3);
                case "batchnorm" -> x = activate(sd, batchNorm(sd, l, x, vars, train, p), s.activation());
                case "dropout" -> {
                    SDVariable mask = sd.placeHolder("mask_" + p, type, batched(l.outShape()));
                    x = x.mul(mask);
                }
                case "add" -> x = activate(sd, x.add(outs.get(s.from())), s.activation());
                case "flatten", "reshape" -> x = sd.reshape(x, batched(l.outShape()));
                case "embedding" -> x = embedding(sd, l, x, vars, type, p);
                case "dense", "output" -> {
                    if (l.inShape().size() == 3) {
                        x = sd.reshape(x, -1, l.inSize());
                    }
                    SDVariable z = x.mmul(vars.get(p + "_W")).add(vars.get(p + "_b"));
                    taps.put(l.index(), new Tap(x.name(), z.name()));
                    if ("output".equals(s.type())) {
                        logits = z;
                    } else {
                        x = activate(sd, z, s.activation());
                    }
                }
                default -> throw new IllegalStateException("unplanned layer type " + s.type());
            }
            outs.put(l.index(), "output".equals(s.type()) ? logits : x);
        }
        SDVariable headLoss = switch (plan.head().kind()) {
            case SOFTMAX -> {
                sd.nn().softmax(PROBS, logits, 1);
                yield sd.loss().softmaxCrossEntropy("ce", label, logits, null);
            }
            case SIGMOID -> {
                sd.nn().sigmoid(PROBS, logits);
                yield sd.loss().sigmoidCrossEntropy("ce", label, logits, null);
            }
            case REGRESSION -> {
                sd.identity(PROBS, logits);
                yield sd.math().squaredDifference(logits, label).mean("mse");
            }
        };
        SDVariable loss;
        if (fedProxMu > 0) {
            SDVariable prox = null;
            for (ParamSpec p : plan.params()) {
                if (!p.trainable()) {
                    continue;
                }
                SDVariable anchor = sd.constant(ANCHOR + p.name(), slice(params, p, type));
                SDVariable term = sd.math().squaredDifference(vars.get(p.name()), anchor).sum();
                prox = prox == null ? term : prox.add(term);
            }
            loss = headLoss.add(LOSS, prox.mul(fedProxMu / 2));
        } else {
            loss = sd.identity(LOSS, headLoss);
        }
        sd.setLossVariables(loss);
        Map<Integer, String> names = new HashMap<>();
        outs.forEach((i, v) -> names.put(i, v.name()));
        return new SameDiffNetwork(plan, sd, type, fedProxMu, taps, names);
    }

    static PaddingMode padding(LayerSpec s) {
        return "same".equals(s.padding()) ? PaddingMode.SAME : PaddingMode.VALID;
    }

    /**
     * A pooling window; same-padded windows take only the values inside the input (max ignores the
     * padding, the average divides by the values it covers, as TensorFlow and Keras do).
     */
    static Pooling2DConfig pooling(LayerSpec s) {
        return Pooling2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(s.stride()).sW(s.stride())
                .paddingMode(padding(s)).divisor(Pooling2D.Divisor.EXCLUDE_PADDING).isNHWC(false).build();
    }

    private static long[] batched(List<Integer> shape) {
        long[] out = new long[shape.size() + 1];
        out[0] = -1;
        for (int j = 0; j < shape.size(); j++) {
            out[j + 1] = shape.get(j);
        }
        return out;
    }

    /**
     * {@code gamma * (x - m) / sqrt(v + epsilon) + beta} per channel (per feature of a flat
     * input), where m and v are the batch's mean and biased variance in training and the running
     * statistics in inference: {@code m = train * batch + (1 - train) * running}.
     */
    private static SDVariable batchNorm(SameDiff sd, LayerPlan l, SDVariable x, Map<String, SDVariable> vars,
                                        SDVariable train, String p) {
        LayerSpec s = l.spec();
        int c = l.inShape().get(0);
        boolean image = l.inShape().size() == 3;
        int[] axes = image ? new int[]{0, 2, 3} : new int[]{0};
        long[] bshape = image ? new long[]{1, c, 1, 1} : new long[]{1, c};
        SDVariable batchMean = x.mean(p + "_bmean", true, axes);
        SDVariable batchVar = sd.math().square(x.sub(batchMean)).mean(p + "_bvar", true, axes);
        SDVariable runMean = sd.reshape(vars.get(p + "_mean"), bshape);
        SDVariable runVar = sd.reshape(vars.get(p + "_var"), bshape);
        SDVariable inference = train.rsub(1.0);
        SDVariable m = batchMean.mul(train).add(runMean.mul(inference));
        SDVariable v = batchVar.mul(train).add(runVar.mul(inference));
        double eps = s.epsilon() == null ? LayerSpec.DEFAULT_EPSILON : s.epsilon();
        SDVariable xhat = x.sub(m).div(sd.math().sqrt(v.add(eps)));
        return xhat.mul(sd.reshape(vars.get(p + "_gamma"), bshape)).add(sd.reshape(vars.get(p + "_beta"), bshape));
    }

    /**
     * The numeric columns in input order, then each categorical column's vector: one-hot of its
     * category index times the column's table (so the table's gradient is a plain matrix product).
     */
    private static SDVariable embedding(SameDiff sd, LayerPlan l, SDVariable x, Map<String, SDVariable> vars,
                                        DataType type, String p) {
        LayerSpec s = l.spec();
        int features = l.inShape().get(0);
        List<Integer> numeric = new ArrayList<>();
        for (int c = 0; c < features; c++) {
            if (!s.columns().contains(c)) {
                numeric.add(c);
            }
        }
        List<SDVariable> parts = new ArrayList<>();
        if (!numeric.isEmpty()) {
            parts.add(sd.gather(x, numeric.stream().mapToInt(Integer::intValue).toArray(), 1));
        }
        for (int k = 0; k < s.columns().size(); k++) {
            SDVariable idx = sd.reshape(sd.gather(x, new int[]{s.columns().get(k)}, 1), -1).castTo(DataType.INT);
            SDVariable oneHot = sd.oneHot(idx, s.cardinalities().get(k), 1, 1.0, 0.0, type);
            parts.add(oneHot.mmul(vars.get(p + "_E" + k)));
        }
        return parts.size() == 1 ? parts.get(0) : sd.concat(1, parts.toArray(new SDVariable[0]));
    }

    /** Prepares the gradient graph now (quietly); {@code fit} would otherwise build it noisily. */
    public void prepareTraining() {
        GradientBuild.create(sd);
    }

    private static SDVariable activate(SameDiff sd, SDVariable z, String activation) {
        return switch (activation == null ? "identity" : activation) {
            case "relu" -> sd.nn().relu(z, 0);
            case "tanh" -> sd.math().tanh(z);
            case "sigmoid" -> sd.nn().sigmoid(z);
            case "identity" -> z;
            default -> throw new IllegalArgumentException("unsupported activation " + activation);
        };
    }

    private static INDArray slice(float[] params, ParamSpec p, DataType type) {
        float[] part = new float[p.arrayLength()];
        System.arraycopy(params, p.arrayOffset(), part, 0, part.length);
        INDArray a = Nd4j.create(part, p.shapeLongs(), 'c');
        return type == DataType.FLOAT ? a : a.castTo(type);
    }

    private static void checkLength(ArchitecturePlan plan, float[] params) {
        if (params.length != plan.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has " + params.length + " values, architecture "
                    + plan.hash().substring(0, 12) + " needs " + plan.parameterCount());
        }
    }

    /** Overwrites every parameter (and, with FedProx, keeps the anchor) from a flat vector. */
    public void setParameters(float[] params) {
        checkLength(plan, params);
        for (ParamSpec p : plan.params()) {
            sd.getArrForVarName(p.name()).assign(slice(params, p, type));
        }
    }

    /** Moves the FedProx anchor to {@code params}; no-op without FedProx. */
    public void setAnchor(float[] params) {
        checkLength(plan, params);
        if (fedProxMu > 0) {
            for (ParamSpec p : plan.params()) {
                if (p.trainable()) {
                    sd.getArrForVarName(ANCHOR + p.name()).assign(slice(params, p, type));
                }
            }
        }
    }

    /** The current parameters as a new flat vector. */
    public float[] getParameters() {
        float[] out = new float[plan.parameterArrayLength()];
        for (ParamSpec p : plan.params()) {
            INDArray a = sd.getArrForVarName(p.name());
            float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(v, 0, out, p.arrayOffset(), p.arrayLength());
        }
        return out;
    }

    /** The head's output [batch, outputUnits] for features [batch, inputSize], in inference mode. */
    public INDArray predict(INDArray features) {
        return sd.output(feed(features, null, null), PROBS).get(PROBS);
    }

    /** The values of any graph variables in inference mode (tests read layer outputs). */
    Map<String, INDArray> outputs(INDArray features, INDArray labels, List<String> names) {
        return sd.output(feed(features, labels, null), names);
    }

    /** The values of any graph variables in training mode with dropout masks drawn from {@code random}. */
    Map<String, INDArray> trainingOutputs(INDArray features, INDArray labels, Random random, List<String> names) {
        return sd.output(feed(features, labels, random), names);
    }

    /**
     * One training pass on a batch: the loss, the gradient of every trainable tensor and the new
     * running statistics of the batch-norm layers. Dropout masks are drawn from {@code random}
     * (one {@code nextFloat} per value per dropout layer, in layer order, row-major), so a seeded
     * generator makes training reproducible.
     *
     * @param targets [batch, outputUnits]: one-hot, 0/1 or regression targets by head
     */
    public Step trainingStep(INDArray features, INDArray targets, Random random) {
        List<String> trainable = new ArrayList<>();
        for (ParamSpec p : plan.params()) {
            if (p.trainable()) {
                trainable.add(p.name());
            }
        }
        List<String> wanted = new ArrayList<>(List.of(LOSS));
        for (LayerPlan l : plan.layers()) {
            if ("batchnorm".equals(l.spec().type())) {
                wanted.add("l" + l.index() + "_bmean");
                wanted.add("l" + l.index() + "_bvar");
            }
        }
        GradientBuild.createIfAbsent(sd);
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed(features, targets, random), wanted, trainable);
        Map<String, INDArray> stats = new LinkedHashMap<>();
        for (LayerPlan l : plan.layers()) {
            if ("batchnorm".equals(l.spec().type())) {
                String p = "l" + l.index();
                double m = l.spec().momentum() == null ? LayerSpec.DEFAULT_MOMENTUM : l.spec().momentum();
                for (String stat : List.of("mean", "var")) {
                    INDArray batch = og.getOutputs().get(p + "_b" + stat).reshape(-1);
                    INDArray running = sd.getArrForVarName(p + "_" + stat);
                    stats.put(p + "_" + stat, running.mul(m).addi(batch.mul(1 - m)));
                }
            }
        }
        return new Step(og.getOutputs().get(LOSS).getDouble(0), og.getGradients(), stats);
    }

    private Map<String, INDArray> feed(INDArray features, INDArray labels, Random random) {
        checkCategories(features);
        Map<String, INDArray> in = new HashMap<>();
        in.put(INPUT, features.dataType() == type ? features : features.castTo(type));
        if (labels != null) {
            in.put(LABEL, labels.dataType() == type ? labels : labels.castTo(type));
        }
        if (plan.hasTrainingMode()) {
            in.put(TRAIN, Nd4j.scalar(type, random == null ? 0.0 : 1.0));
            long n = features.size(0);
            for (LayerPlan l : plan.layers()) {
                if ("dropout".equals(l.spec().type())) {
                    in.put("mask_l" + l.index(), mask(l, n, random));
                }
            }
        }
        return in;
    }

    /** Inverted dropout: each value kept with probability 1 - rate and scaled by 1 / (1 - rate); all ones in inference. */
    private INDArray mask(LayerPlan l, long n, Random random) {
        long[] shape = batched(l.outShape());
        shape[0] = n;
        int size = Math.toIntExact(n * l.outSize());
        float[] m = new float[size];
        double rate = l.spec().rate();
        float keep = (float) (1 / (1 - rate));
        for (int j = 0; j < size; j++) {
            m[j] = random == null ? 1f : random.nextFloat() < rate ? 0f : keep;
        }
        INDArray a = Nd4j.create(m, shape, 'c');
        return type == DataType.FLOAT ? a : a.castTo(type);
    }

    /** A categorical column must hold a category index 0..cardinality-1; anything else is refused by row and column. */
    private void checkCategories(INDArray features) {
        LayerSpec first = plan.layers().get(0).spec();
        if (!"embedding".equals(first.type())) {
            return;
        }
        for (int k = 0; k < first.columns().size(); k++) {
            int col = first.columns().get(k);
            int card = first.cardinalities().get(k);
            double[] v = features.getColumn(col).castTo(DataType.DOUBLE).toDoubleVector();
            for (int r = 0; r < v.length; r++) {
                if (v[r] != Math.rint(v[r]) || v[r] < 0 || v[r] >= card) {
                    throw new IllegalArgumentException("example " + r + ", column " + col + ": " + v[r]
                            + " is not a category index in 0.." + (card - 1));
                }
            }
        }
    }

    /** The graph variable holding the output of layer {@code layer} (the logits for the output layer). */
    String layerOutput(int layer) {
        return outputs.get(layer);
    }

    /** The observation points of the layer with parameters at spec index {@code layer}. */
    public Tap tap(int layer) {
        Tap t = taps.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("layer " + layer + " has no parameters");
        }
        return t;
    }

    /** The plan. */
    public ArchitecturePlan plan() {
        return plan;
    }

    /** The underlying graph (for training; callers must not restructure it). */
    public SameDiff graph() {
        return sd;
    }

    /** FedProx mu the graph was built with. */
    public double fedProxMu() {
        return fedProxMu;
    }
}

package dln.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An architecture as a SameDiff graph, with its parameters loaded from and read back to the flat
 * vector of {@link ArchitecturePlan}. Not thread-safe: one instance per architecture per thread.
 *
 * <p>Graph choices follow what was measured with ND4J 1.0.0-M2.1 (design.md): conv weights in the
 * default YXIO layout on NCHW activations; dense layers as {@code mmul + add}
 * ({@code nn().linear} breaks {@code fit}); biases as trainable variables; parameters located by
 * our own names, never by {@code sd.variables()} order.
 *
 * <p>Placeholders: {@code input} [batch, inputSize] float32 and {@code label} [batch, classes]
 * one-hot. Outputs: {@code probs} (softmax) and {@code loss} (mean cross-entropy, plus the FedProx
 * term when built with mu &gt; 0).
 */
public final class SameDiffNetwork {
    /** Name of the features placeholder. */
    public static final String INPUT = "input";
    /** Name of the one-hot labels placeholder. */
    public static final String LABEL = "label";
    /** Name of the softmax output. */
    public static final String PROBS = "probs";
    /** Name of the loss being minimised. */
    public static final String LOSS = "loss";
    private static final String ANCHOR = "anchor_";

    private final ArchitecturePlan plan;
    private final SameDiff sd;
    private final double fedProxMu;
    private final Map<Integer, Tap> taps;

    /**
     * Where a layer with parameters can be observed: the graph variable holding its input (after
     * any flattening) and the one holding its pre-activation output. Per-example gradients are
     * built from these two (dln.core.privacy).
     */
    public record Tap(String input, String preActivation) {
    }

    private SameDiffNetwork(ArchitecturePlan plan, SameDiff sd, double fedProxMu, Map<Integer, Tap> taps) {
        this.plan = plan;
        this.sd = sd;
        this.fedProxMu = fedProxMu;
        this.taps = Map.copyOf(taps);
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
        checkLength(plan, params);
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, plan.inputSize());
        SDVariable label = sd.placeHolder(LABEL, DataType.FLOAT, -1, plan.numClasses());
        Map<String, SDVariable> vars = new HashMap<>();
        for (ParamSpec p : plan.params()) {
            vars.put(p.name(), sd.var(p.name(), slice(params, p)));
        }
        SDVariable x = input;
        if (plan.imageInput()) {
            List<Integer> in = plan.spec().input();
            x = sd.reshape(x, -1, in.get(0), in.get(1), in.get(2));
        }
        SDVariable logits = null;
        Map<Integer, Tap> taps = new HashMap<>();
        for (LayerPlan l : plan.layers()) {
            LayerSpec s = l.spec();
            switch (s.type()) {
                case "conv2d" -> {
                    Conv2DConfig c = Conv2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(s.stride()).sW(s.stride())
                            .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
                    SDVariable z = sd.cnn().conv2d(x, vars.get("l" + l.index() + "_W"), vars.get("l" + l.index() + "_b"), c);
                    taps.put(l.index(), new Tap(x.name(), z.name()));
                    x = activate(sd, z, s.activation());
                }
                case "maxpool" -> {
                    Pooling2DConfig c = Pooling2DConfig.builder().kH(s.kernel()).kW(s.kernel()).sH(s.stride()).sW(s.stride())
                            .paddingMode(PaddingMode.VALID).isNHWC(false).build();
                    x = sd.cnn().maxPooling2d(x, c);
                }
                case "dense", "output" -> {
                    if (l.inShape().size() == 3) {
                        x = sd.reshape(x, -1, l.inSize());
                    }
                    SDVariable z = x.mmul(vars.get("l" + l.index() + "_W")).add(vars.get("l" + l.index() + "_b"));
                    taps.put(l.index(), new Tap(x.name(), z.name()));
                    if ("output".equals(s.type())) {
                        logits = z;
                    } else {
                        x = activate(sd, z, s.activation());
                    }
                }
                default -> throw new IllegalStateException("unplanned layer type " + s.type());
            }
        }
        sd.nn().softmax(PROBS, logits, 1);
        SDVariable ce = sd.loss().softmaxCrossEntropy("ce", label, logits, null);
        SDVariable loss;
        if (fedProxMu > 0) {
            SDVariable prox = null;
            for (ParamSpec p : plan.params()) {
                SDVariable anchor = sd.constant(ANCHOR + p.name(), slice(params, p));
                SDVariable term = sd.math().squaredDifference(vars.get(p.name()), anchor).sum();
                prox = prox == null ? term : prox.add(term);
            }
            loss = ce.add(LOSS, prox.mul(fedProxMu / 2));
        } else {
            loss = sd.identity(LOSS, ce);
        }
        sd.setLossVariables(loss);
        return new SameDiffNetwork(plan, sd, fedProxMu, taps);
    }

    /** Prepares the gradient graph now (quietly); {@code fit} would otherwise build it noisily. */
    public void prepareTraining() {
        GradientBuild.create(sd);
    }

    private static SDVariable activate(SameDiff sd, SDVariable z, String activation) {
        return switch (activation) {
            case "relu" -> sd.nn().relu(z, 0);
            case "tanh" -> sd.math().tanh(z);
            case "sigmoid" -> sd.nn().sigmoid(z);
            case "identity" -> z;
            default -> throw new IllegalArgumentException("unsupported activation " + activation);
        };
    }

    private static INDArray slice(float[] params, ParamSpec p) {
        float[] part = new float[p.length()];
        System.arraycopy(params, p.offset(), part, 0, part.length);
        return Nd4j.create(part, p.shapeLongs(), 'c');
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
            sd.getArrForVarName(p.name()).assign(slice(params, p));
        }
    }

    /** Moves the FedProx anchor to {@code params}; no-op without FedProx. */
    public void setAnchor(float[] params) {
        checkLength(plan, params);
        if (fedProxMu > 0) {
            for (ParamSpec p : plan.params()) {
                sd.getArrForVarName(ANCHOR + p.name()).assign(slice(params, p));
            }
        }
    }

    /** The current parameters as a new flat vector. */
    public float[] getParameters() {
        float[] out = new float[plan.parameterCount()];
        for (ParamSpec p : plan.params()) {
            INDArray a = sd.getArrForVarName(p.name());
            float[] v = a.dup('c').data().asFloat();
            System.arraycopy(v, 0, out, p.offset(), p.length());
        }
        return out;
    }

    /** Class probabilities [batch, classes] for features [batch, inputSize]. */
    public INDArray predict(INDArray features) {
        return sd.output(Map.of(INPUT, features), PROBS).get(PROBS);
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

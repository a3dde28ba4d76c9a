package dln.core.privacy;

import dln.core.model.ArchitecturePlan;
import dln.core.model.LayerPlan;
import dln.core.model.SameDiffNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-example gradients of one mini-batch, from ONE forward and backward pass.
 *
 * <p>SameDiff differentiates the batch's mean loss; the gradient it gives at a layer's
 * pre-activation {@code z} is, row by row, each example's own {@code dl_i/dz_i} divided by the
 * batch size, because example i's loss depends only on row i. A layer's per-example weight
 * gradient is then a product of its input and that delta: an outer product for a dense layer
 * (never materialised: its squared norm is {@code |a_i|^2 |d_i|^2}, and the clipped sum is one
 * matrix product {@code (s*A)^T D}), and for a convolution the im2col patches times the delta map,
 * one batched product. This is the "ghost norm" trick of Goodfellow 2015 and Opacus's hooks,
 * with SameDiff's taps on {@link SameDiffNetwork.Tap}.
 */
public final class PerExampleGradients {
    private final ArchitecturePlan plan;
    private final int batch;
    private final List<Piece> pieces;
    private final double meanLoss;

    private PerExampleGradients(ArchitecturePlan plan, int batch, List<Piece> pieces, double meanLoss) {
        this.plan = plan;
        this.batch = batch;
        this.pieces = List.copyOf(pieces);
        this.meanLoss = meanLoss;
    }

    /**
     * Runs the batch {@code features} [B, inputSize] / one-hot {@code labels} [B, classes]
     * through {@code net} (built without FedProx: the proximal term is no example's) once.
     */
    public static PerExampleGradients of(SameDiffNetwork net, INDArray features, INDArray labels) {
        if (net.fedProxMu() > 0) {
            throw new IllegalArgumentException("per-example gradients need a network without the FedProx term; add its gradient separately");
        }
        ArchitecturePlan plan = net.plan();
        supported(plan);
        int b = (int) features.size(0);
        List<String> outputs = new ArrayList<>();
        List<String> grads = new ArrayList<>();
        for (LayerPlan l : plan.layers()) {
            if (l.weight().isPresent()) {
                SameDiffNetwork.Tap t = net.tap(l.index());
                if (!SameDiffNetwork.INPUT.equals(t.input())) {
                    outputs.add(t.input());
                }
                grads.add(t.preActivation());
            }
        }
        outputs.add(SameDiffNetwork.LOSS);
        OutAndGrad og = net.graph().calculateGradientsAndOutputs(
                Map.of(SameDiffNetwork.INPUT, features, SameDiffNetwork.LABEL, labels), outputs, grads);
        List<Piece> pieces = new ArrayList<>();
        for (LayerPlan l : plan.layers()) {
            if (l.weight().isEmpty()) {
                continue;
            }
            SameDiffNetwork.Tap t = net.tap(l.index());
            INDArray in = SameDiffNetwork.INPUT.equals(t.input()) ? features : og.getOutputs().get(t.input());
            // Undo the mean: row i becomes example i's own gradient at z.
            INDArray delta = og.getGradients().get(t.preActivation()).mul(b);
            pieces.add("conv2d".equals(l.spec().type()) ? Conv.of(l, in, delta) : new Dense(l, in, delta));
        }
        return new PerExampleGradients(plan, b, pieces, og.getOutputs().get(SameDiffNetwork.LOSS).getDouble(0));
    }

    /**
     * Refuses a plan whose per-example gradients this class cannot form: it knows dense layers,
     * valid-padded convolutions, max pooling and the softmax head. Batch norm couples the examples
     * of a batch, so no per-example gradient exists for it at all.
     */
    static void supported(ArchitecturePlan plan) {
        for (LayerPlan l : plan.layers()) {
            String t = l.spec().type();
            boolean ok = switch (t) {
                case "dense", "maxpool" -> true;
                case "conv2d" -> l.spec().padding() == null || "valid".equals(l.spec().padding());
                case "output" -> "softmax".equals(l.spec().activation());
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("DP-SGD takes dense, conv2d (valid padding), maxpool and the softmax head; "
                        + l.where() + " is not supported");
            }
        }
    }

    /** Examples in the batch. */
    public int batchSize() {
        return batch;
    }

    /** The batch's mean loss, from the same forward pass. */
    public double meanLoss() {
        return meanLoss;
    }

    /** Each example's squared gradient norm over all parameters. */
    public double[] squaredNorms() {
        double[] out = new double[batch];
        for (Piece p : pieces) {
            double[] n = p.squaredNorms().toDoubleVector();
            for (int i = 0; i < batch; i++) {
                out[i] += n[i];
            }
        }
        return out;
    }

    /** {@code sum_i weights[i] * g_i} as a flat vector in the plan's parameter order. */
    public float[] weightedSum(double[] weights) {
        if (weights.length != batch) {
            throw new IllegalArgumentException("need " + batch + " weights, got " + weights.length);
        }
        INDArray s = Nd4j.createFromArray(toFloat(weights)).reshape(batch, 1);
        float[] out = new float[plan.parameterArrayLength()];
        for (Piece p : pieces) {
            p.weightedSum(s, out);
        }
        return out;
    }

    /** Every example's full gradient [B][parameters]; memory B x parameters, for tests and small models. */
    public float[][] materialise() {
        float[][] out = new float[batch][];
        for (int i = 0; i < batch; i++) {
            double[] one = new double[batch];
            one[i] = 1;
            out[i] = weightedSum(one);
        }
        return out;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void put(INDArray values, int offset, float[] out) {
        float[] v = values.dup('c').data().asFloat();
        System.arraycopy(v, 0, out, offset, v.length);
    }

    /** One layer's share of the per-example gradients. */
    private interface Piece {
        /** [B] squared norms of this layer's weights and bias. */
        INDArray squaredNorms();

        /** Writes {@code sum_i s_i g_i} of this layer's parameters into {@code out}. */
        void weightedSum(INDArray s, float[] out);
    }

    /** Dense: g_i = a_i (outer) d_i for W, d_i for b; never materialised. */
    private record Dense(LayerPlan layer, INDArray a, INDArray d) implements Piece {
        @Override
        public INDArray squaredNorms() {
            INDArray dd = d.mul(d).sum(1);
            return a.mul(a).sum(1).muli(dd).addi(dd);
        }

        @Override
        public void weightedSum(INDArray s, float[] out) {
            INDArray sd = d.mulColumnVector(s);
            put(a.transpose().mmul(sd), layer.weight().orElseThrow().arrayOffset(), out);
            put(sd.sum(0), layer.biasParam().orElseThrow().arrayOffset(), out);
        }
    }

    /** Convolution: per-example kernels [B, kH*kW*C, F] (YXIO order) and biases [B, F], materialised (kernels are small). */
    private record Conv(LayerPlan layer, INDArray w, INDArray b) implements Piece {
        static Conv of(LayerPlan l, INDArray in, INDArray delta) {
            int k = l.spec().kernel();
            int st = l.spec().stride();
            long n = in.size(0);
            long c = in.size(1);
            long f = delta.size(1);
            long positions = delta.size(2) * delta.size(3);
            // [B, C, kH, kW, oH, oW] -> [B, kH, kW, C, oH*oW]: rows in the YXIO order of the weights.
            INDArray cols = Convolution.im2col(in, k, k, st, st, 0, 0, false)
                    .permute(0, 2, 3, 1, 4, 5).dup('c').reshape(n, (long) k * k * c, positions);
            INDArray d = delta.dup('c').reshape(n, f, positions).permute(0, 2, 1).dup('c');
            INDArray w = Nd4j.matmul(cols, d);
            return new Conv(l, w, delta.sum(2, 3));
        }

        @Override
        public INDArray squaredNorms() {
            return w.mul(w).sum(1, 2).addi(b.mul(b).sum(1));
        }

        @Override
        public void weightedSum(INDArray s, float[] out) {
            long n = w.size(0);
            INDArray flat = w.reshape(n, w.size(1) * w.size(2));
            put(s.transpose().mmul(flat), layer.weight().orElseThrow().arrayOffset(), out);
            put(s.transpose().mmul(b), layer.biasParam().orElseThrow().arrayOffset(), out);
        }
    }
}

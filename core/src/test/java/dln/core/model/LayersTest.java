package dln.core.model;

import static dln.core.model.LayerCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every layer and head: its forward output against a hand-written Java computation from the
 * layer's input, and the backward pass (the gradient of every trainable tensor, which flows
 * through the layer under test) against central finite differences in double precision.
 */
class LayersTest {
    private static final double TOL = 1e-9;

    /** conv2d, c-order [b][c][h][w] input, W [k][k][in][out], TensorFlow's same-padding split. */
    private static double[] conv(double[] in, int batch, int c, int h, int w, double[] weights, double[] bias,
                                 int f, int k, int s, boolean same) {
        int oh = same ? (h + s - 1) / s : (h - k) / s + 1;
        int ow = same ? (w + s - 1) / s : (w - k) / s + 1;
        int top = same ? Math.max((oh - 1) * s + k - h, 0) / 2 : 0;
        int left = same ? Math.max((ow - 1) * s + k - w, 0) / 2 : 0;
        double[] out = new double[batch * f * oh * ow];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < f; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double sum = bias[o];
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = y * s + ky - top;
                                int ix = x * s + kx - left;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                for (int i = 0; i < c; i++) {
                                    sum += in[((b * c + i) * h + iy) * w + ix] * weights[((ky * k + kx) * c + i) * f + o];
                                }
                            }
                        }
                        out[((b * f + o) * oh + y) * ow + x] = sum;
                    }
                }
            }
        }
        return out;
    }

    private static double[] tanh(double[] v) {
        double[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.tanh(out[j]);
        }
        return out;
    }

    private static double[] dense(double[] in, int batch, int nIn, double[] weights, double[] bias, int nOut) {
        double[] out = new double[batch * nOut];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOut; o++) {
                double sum = bias[o];
                for (int i = 0; i < nIn; i++) {
                    sum += in[b * nIn + i] * weights[i * nOut + o];
                }
                out[b * nOut + o] = sum;
            }
        }
        return out;
    }

    private static ArchitectureSpec spec(List<Integer> input, LayerSpec... layers) {
        return new ArchitectureSpec(input, List.of(layers));
    }

    @Test
    void conv2dSamePaddingWithStride() {
        LayerCheck c = new LayerCheck(spec(List.of(2, 5, 5), LayerSpec.conv2dSame(3, 3, 2, "tanh"), LayerSpec.output(3)), 2, 1);
        assertEquals(List.of(3, 3, 3), c.plan.layers().get(0).outShape());
        double[] expected = tanh(conv(c.input(), 2, 2, 5, 5, c.param("l0_W"), c.param("l0_b"), 3, 3, 2, true));
        assertClose(expected, c.inference(0), TOL, "conv same stride 2");
        c.checkGradients(12);
    }

    @Test
    void conv2dSamePaddingPutsTheOddZeroAtTheBottomRight() {
        LayerCheck c = new LayerCheck(spec(List.of(1, 4, 4), LayerSpec.conv2dSame(2, 2, 1, "identity"), LayerSpec.output(2)), 2, 2);
        assertEquals(List.of(2, 4, 4), c.plan.layers().get(0).outShape());
        assertClose(conv(c.input(), 2, 1, 4, 4, c.param("l0_W"), c.param("l0_b"), 2, 2, 1, true), c.inference(0), TOL, "conv same k2");
        c.checkGradients(8);
    }

    @Test
    void averagePooling() {
        LayerCheck c = new LayerCheck(spec(List.of(2, 4, 4), LayerSpec.conv2d(2, 1, 1, "tanh"), LayerSpec.avgpool(2, 2),
                LayerSpec.output(3)), 2, 3);
        double[] in = c.inference(0);
        double[] expected = new double[2 * 2 * 2 * 2];
        for (int bc = 0; bc < 4; bc++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    double sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += in[bc * 16 + (2 * y + dy) * 4 + 2 * x + dx];
                        }
                    }
                    expected[bc * 4 + y * 2 + x] = sum / 4;
                }
            }
        }
        assertClose(expected, c.inference(1), TOL, "avgpool");
        c.checkGradients(8);
    }

    /** Same-padded pooling over [b*c][h][w]: windows at the edge take only the values inside the input. */
    private static double[] samePool(double[] in, int planes, int h, int w, int k, int s, boolean max) {
        int oh = (h + s - 1) / s;
        int ow = (w + s - 1) / s;
        int top = Math.max((oh - 1) * s + k - h, 0) / 2;
        int left = Math.max((ow - 1) * s + k - w, 0) / 2;
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = y * s + ky - top;
                            int ix = x * s + kx - left;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                double v = in[(p * h + iy) * w + ix];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                    }
                    out[(p * oh + y) * ow + x] = max ? acc : acc / count;
                }
            }
        }
        return out;
    }

    @Test
    void samePaddedPoolingCountsOnlyTheInput() {
        for (boolean max : new boolean[]{false, true}) {
            LayerSpec pool = new LayerSpec(max ? "maxpool" : "avgpool", null, null, 3, 2, null, null, "same", null, null, null,
                    null, null, null, null, null);
            LayerCheck c = new LayerCheck(spec(List.of(2, 5, 4), LayerSpec.conv2d(2, 1, 1, "tanh"), pool, LayerSpec.output(3)), 2, 15);
            assertEquals(List.of(2, 3, 2), c.plan.layers().get(1).outShape());
            assertClose(samePool(c.inference(0), 4, 5, 4, 3, 2, max), c.inference(1), TOL, max ? "maxpool same" : "avgpool same");
            c.checkGradients(8);
        }
    }

    @Test
    void globalAverageAndMaxPooling() {
        for (boolean max : new boolean[]{false, true}) {
            LayerCheck c = new LayerCheck(spec(List.of(2, 3, 3), LayerSpec.conv2d(3, 1, 1, "tanh"),
                    max ? LayerSpec.globalMaxPool() : LayerSpec.globalAvgPool(), LayerSpec.output(2)), 3, 4);
            assertEquals(List.of(3), c.plan.layers().get(1).outShape());
            double[] in = c.inference(0);
            double[] expected = new double[3 * 3];
            for (int bc = 0; bc < 9; bc++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int j = 0; j < 9; j++) {
                    acc = max ? Math.max(acc, in[bc * 9 + j]) : acc + in[bc * 9 + j] / 9;
                }
                expected[bc] = acc;
            }
            assertClose(expected, c.inference(1), TOL, max ? "globalmaxpool" : "globalavgpool");
            c.checkGradients(8);
        }
    }

    @Test
    void batchNormOnImagesNormalisesPerChannelAndMovesTheRunningStatistics() {
        LayerCheck c = new LayerCheck(spec(List.of(2, 3, 3), LayerSpec.conv2d(2, 1, 1, "tanh"), LayerSpec.batchNorm(null),
                LayerSpec.output(3)), 4, 5);
        int batch = 4;
        int ch = 2;
        int hw = 9;
        double[] in = c.inference(0);
        double[] gamma = c.param("l1_gamma");
        double[] beta = c.param("l1_beta");
        double[] runMean = c.param("l1_mean");
        double[] runVar = c.param("l1_var");
        double[] mean = new double[ch];
        double[] var = new double[ch];
        for (int k = 0; k < ch; k++) {
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hw; j++) {
                    mean[k] += in[(b * ch + k) * hw + j] / (batch * hw);
                }
            }
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hw; j++) {
                    double d = in[(b * ch + k) * hw + j] - mean[k];
                    var[k] += d * d / (batch * hw);
                }
            }
        }
        double[] train = new double[in.length];
        double[] infer = new double[in.length];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < ch; k++) {
                for (int j = 0; j < hw; j++) {
                    int at = (b * ch + k) * hw + j;
                    train[at] = gamma[k] * (in[at] - mean[k]) / Math.sqrt(var[k] + 1e-5) + beta[k];
                    infer[at] = gamma[k] * (in[at] - runMean[k]) / Math.sqrt(runVar[k] + 1e-5) + beta[k];
                }
            }
        }
        assertClose(train, c.training(1, 0), 1e-8, "batch norm in training");
        assertClose(infer, c.inference(1), 1e-8, "batch norm in inference");
        SameDiffNetwork.Step step = c.net.trainingStep(c.features, c.targets, new Random(0));
        for (int k = 0; k < ch; k++) {
            assertEquals(0.9 * runMean[k] + 0.1 * mean[k], step.runningStats().get("l1_mean").getDouble(k), 1e-9);
            assertEquals(0.9 * runVar[k] + 0.1 * var[k], step.runningStats().get("l1_var").getDouble(k), 1e-9);
        }
        assertTrue(!step.gradients().containsKey("l1_mean") && !step.gradients().containsKey("l1_var"),
                "running statistics get no gradient");
        c.checkGradients(8);
    }

    @Test
    void batchNormOnFeaturesWithItsOwnMomentumAndEpsilon() {
        LayerSpec bn = new LayerSpec("batchnorm", null, null, null, null, "tanh", null, null, null, null, null, null, null,
                null, 0.8, 0.001);
        LayerCheck c = new LayerCheck(spec(List.of(5), LayerSpec.dense(4, "tanh"), bn, LayerSpec.output(2)), 6, 6);
        double[] in = c.inference(0);
        double[] gamma = c.param("l1_gamma");
        double[] beta = c.param("l1_beta");
        double[] mean = new double[4];
        double[] var = new double[4];
        for (int k = 0; k < 4; k++) {
            for (int b = 0; b < 6; b++) {
                mean[k] += in[b * 4 + k] / 6;
            }
            for (int b = 0; b < 6; b++) {
                var[k] += Math.pow(in[b * 4 + k] - mean[k], 2) / 6;
            }
        }
        double[] expected = new double[24];
        for (int b = 0; b < 6; b++) {
            for (int k = 0; k < 4; k++) {
                expected[b * 4 + k] = Math.tanh(gamma[k] * (in[b * 4 + k] - mean[k]) / Math.sqrt(var[k] + 0.001) + beta[k]);
            }
        }
        assertClose(expected, c.training(1, 0), 1e-8, "batch norm on features");
        SameDiffNetwork.Step step = c.net.trainingStep(c.features, c.targets, new Random(0));
        assertEquals(0.8 * c.param("l1_mean")[2] + 0.2 * mean[2], step.runningStats().get("l1_mean").getDouble(2), 1e-9);
        c.checkGradients(8);
    }

    @Test
    void dropoutMasksInTrainingFromTheSeedAndPassesThroughInInference() {
        LayerCheck c = new LayerCheck(spec(List.of(5), LayerSpec.dense(6, "tanh"), LayerSpec.dropout(0.5), LayerSpec.output(3)), 4, 7);
        double[] in = c.inference(0);
        assertClose(in, c.inference(1), 0, "dropout in inference");
        Random r = new Random(11);
        double[] expected = new double[in.length];
        int dropped = 0;
        for (int j = 0; j < in.length; j++) {
            boolean drop = r.nextFloat() < 0.5f;
            dropped += drop ? 1 : 0;
            expected[j] = drop ? 0 : in[j] * 2;
        }
        assertTrue(dropped > 0 && dropped < in.length);
        assertClose(expected, c.training(1, 11), TOL, "dropout in training");
        assertClose(c.training(1, 11), c.training(1, 11), 0, "the same seed gives the same mask");
        c.checkGradients(8);
    }

    @Test
    void residualAddOfAnEarlierLayer() {
        LayerCheck c = new LayerCheck(spec(List.of(2, 4, 4), LayerSpec.conv2dSame(2, 3, 1, "tanh"),
                LayerSpec.conv2dSame(2, 3, 1, "tanh"), LayerSpec.add(0, "tanh"), LayerSpec.output(3)), 2, 8);
        double[] a = c.inference(0);
        double[] b = c.inference(1);
        double[] expected = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            expected[j] = Math.tanh(a[j] + b[j]);
        }
        assertClose(expected, c.inference(2), TOL, "add");
        c.checkGradients(8);
    }

    @Test
    void reshapeAndFlattenKeepTheValuesInCOrder() {
        LayerCheck c = new LayerCheck(spec(List.of(8), LayerSpec.dense(12, "tanh"), LayerSpec.reshape(List.of(3, 2, 2)),
                LayerSpec.conv2d(2, 1, 1, "tanh"), LayerSpec.flatten(), LayerSpec.output(3)), 2, 9);
        assertEquals(List.of(3, 2, 2), c.plan.layers().get(1).outShape());
        assertEquals(List.of(8), c.plan.layers().get(3).outShape());
        assertClose(c.inference(0), c.inference(1), 0, "reshape");
        double[] expected = tanh(conv(c.inference(1), 2, 3, 2, 2, c.param("l2_W"), c.param("l2_b"), 2, 1, 1, false));
        assertClose(expected, c.inference(2), TOL, "conv after reshape");
        assertClose(c.inference(2), c.inference(3), 0, "flatten");
        c.checkGradients(8);
    }

    @Test
    void embeddingLooksUpEachCategoricalColumnAfterTheNumericOnes() {
        LayerCheck c = new LayerCheck(spec(List.of(4), LayerSpec.embedding(List.of(1, 3), List.of(3, 2), 2),
                LayerSpec.dense(3, "tanh"), LayerSpec.output(2)), 6, 10);
        double[] x = c.input();
        for (int i = 0; i < 6; i++) {
            x[i * 4 + 1] = i % 3;
            x[i * 4 + 3] = (i / 3) % 2;
        }
        c.features(x);
        assertEquals(List.of(2 + 2 * 2), c.plan.layers().get(0).outShape());
        double[] e0 = c.param("l0_E0");
        double[] e1 = c.param("l0_E1");
        double[] expected = new double[6 * 6];
        for (int i = 0; i < 6; i++) {
            int k0 = (int) x[i * 4 + 1];
            int k1 = (int) x[i * 4 + 3];
            double[] row = {x[i * 4], x[i * 4 + 2], e0[k0 * 2], e0[k0 * 2 + 1], e1[k1 * 2], e1[k1 * 2 + 1]};
            System.arraycopy(row, 0, expected, i * 6, 6);
        }
        assertClose(expected, c.inference(0), TOL, "embedding");
        c.checkGradients(12);
        x[5] = 3;
        c.features(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.inference(0));
        assertTrue(e.getMessage().contains("example 1, column 1: 3.0 is not a category index in 0..2"), e.getMessage());
    }

    @Test
    void softmaxHeadLossIsTheMeanCrossEntropy() {
        LayerCheck c = new LayerCheck(spec(List.of(3), LayerSpec.dense(4, "tanh"), LayerSpec.output(3)), 5, 11);
        double[] z = c.inference(1);
        double[] t = LayerCheck.flat(c.targets);
        double loss = 0;
        double[] probs = new double[z.length];
        for (int b = 0; b < 5; b++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(z[b * 3 + k]);
            }
            for (int k = 0; k < 3; k++) {
                probs[b * 3 + k] = Math.exp(z[b * 3 + k]) / sum;
                loss -= t[b * 3 + k] * Math.log(probs[b * 3 + k]) / 5;
            }
        }
        assertClose(probs, c.probs(), 1e-12, "softmax");
        assertEquals(loss, c.loss(0), 1e-12);
        c.checkGradients(12);
    }

    @Test
    void sigmoidHeadLossIsTheMeanBinaryCrossEntropy() {
        LayerCheck c = new LayerCheck(spec(List.of(3), LayerSpec.dense(4, "tanh"), LayerSpec.sigmoidOutput(0.3)), 6, 12);
        assertEquals(Head.Kind.SIGMOID, c.plan.head().kind());
        assertEquals(0.3, c.plan.head().threshold());
        assertEquals(2, c.plan.numClasses());
        double[] z = c.inference(1);
        double[] t = LayerCheck.flat(c.targets);
        double loss = 0;
        double[] p = new double[6];
        for (int b = 0; b < 6; b++) {
            p[b] = 1 / (1 + Math.exp(-z[b]));
            loss -= (t[b] * Math.log(p[b]) + (1 - t[b]) * Math.log(1 - p[b])) / 6;
        }
        assertClose(p, c.probs(), 1e-12, "sigmoid");
        assertEquals(loss, c.loss(0), 1e-12);
        c.checkGradients(12);
    }

    @Test
    void regressionHeadLossIsTheMeanSquaredError() {
        LayerCheck c = new LayerCheck(spec(List.of(3), LayerSpec.dense(4, "tanh"), LayerSpec.regressionOutput(2)), 5, 13);
        assertEquals(Head.Kind.REGRESSION, c.plan.head().kind());
        double[] h = c.inference(0);
        double[] z = dense(h, 5, 4, c.param("l1_W"), c.param("l1_b"), 2);
        double[] t = LayerCheck.flat(c.targets);
        double loss = 0;
        for (int j = 0; j < 10; j++) {
            loss += (z[j] - t[j]) * (z[j] - t[j]) / 10;
        }
        assertClose(z, c.probs(), 1e-12, "identity outputs");
        assertEquals(loss, c.loss(0), 1e-12);
        c.checkGradients(12);
    }

    @Test
    void denseAndValidConvAsBefore() {
        LayerCheck c = new LayerCheck(spec(List.of(1, 5, 5), LayerSpec.conv2d(2, 3, 1, "tanh"), LayerSpec.maxpool(2, 1),
                LayerSpec.dense(3, "sigmoid"), LayerSpec.output(2)), 3, 14);
        assertClose(tanh(conv(c.input(), 3, 1, 5, 5, c.param("l0_W"), c.param("l0_b"), 2, 3, 1, false)), c.inference(0), TOL, "conv valid");
        c.checkGradients(8);
    }
}

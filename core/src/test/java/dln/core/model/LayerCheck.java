package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny network in double precision for layer tests: its layer outputs for forward checks
 * against hand-written Java, and its gradient checked against central finite differences of the
 * loss, parameter by parameter.
 */
final class LayerCheck {
    final ArchitecturePlan plan;
    final float[] params;
    final SameDiffNetwork net;
    final INDArray features;
    final INDArray targets;
    final int batch;

    /**
     * @param seed seeds the parameters (weights by ParameterInit, every other value jittered so
     *             no gradient is trivially 0), the features and the one-hot targets
     */
    LayerCheck(ArchitectureSpec spec, int batch, long seed) {
        this.plan = ArchitecturePlan.of(spec);
        this.batch = batch;
        this.params = ParameterInit.initialise(plan, seed);
        Random r = new Random(seed + 1);
        for (ParamSpec p : plan.params()) {
            if (!p.role().random()) {
                for (int j = p.arrayOffset(); j < p.arrayOffset() + p.arrayLength(); j++) {
                    params[j] += (float) (p.role() == ParamSpec.Role.RUNNING_VAR ? r.nextDouble() : r.nextGaussian() * 0.3);
                }
            }
        }
        this.net = SameDiffNetwork.build(plan, params, 0, DataType.DOUBLE);
        double[] x = new double[batch * plan.inputSize()];
        for (int j = 0; j < x.length; j++) {
            x[j] = r.nextGaussian();
        }
        this.features = Nd4j.create(x, new long[]{batch, plan.inputSize()}, 'c');
        int units = plan.outputUnits();
        double[] t = new double[batch * units];
        for (int i = 0; i < batch; i++) {
            switch (plan.head().kind()) {
                case SOFTMAX -> t[i * units + r.nextInt(units)] = 1;
                case SIGMOID -> t[i] = r.nextInt(2);
                case REGRESSION -> {
                    for (int c = 0; c < units; c++) {
                        t[i * units + c] = r.nextGaussian();
                    }
                }
            }
        }
        this.targets = Nd4j.create(t, new long[]{batch, units}, 'c');
    }

    /** Replaces the features (e.g. category indices in embedding columns). */
    LayerCheck features(double[] x) {
        features.assign(Nd4j.create(x, new long[]{batch, plan.inputSize()}, 'c'));
        return this;
    }

    /** Layer {@code i}'s output, inference mode, flattened c-order. */
    double[] inference(int layer) {
        return flat(net.outputs(features, targets, List.of(net.layerOutput(layer))).get(net.layerOutput(layer)));
    }

    /** Layer {@code i}'s output, training mode with dropout masks from {@code new Random(maskSeed)}. */
    double[] training(int layer, long maskSeed) {
        return flat(net.trainingOutputs(features, targets, new Random(maskSeed), List.of(net.layerOutput(layer))).get(net.layerOutput(layer)));
    }

    /** The network input as the first layer sees it, flattened. */
    double[] input() {
        return flat(features);
    }

    /** The head's output in inference mode. */
    double[] probs() {
        return flat(net.predict(features));
    }

    /** The training loss with masks from {@code new Random(maskSeed)}. */
    double loss(long maskSeed) {
        return net.trainingOutputs(features, targets, new Random(maskSeed), List.of(SameDiffNetwork.LOSS))
                .get(SameDiffNetwork.LOSS).getDouble(0);
    }

    /** The parameter tensor {@code name}'s values as doubles. */
    double[] param(String name) {
        ParamSpec p = plan.params().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        double[] out = new double[p.arrayLength()];
        for (int j = 0; j < out.length; j++) {
            out[j] = params[p.arrayOffset() + j];
        }
        return out;
    }

    /**
     * SameDiff's gradient of every trainable tensor against central differences of the training
     * loss in double precision (at most {@code perTensor} evenly spread entries per tensor), and
     * no gradient for the running statistics.
     */
    void checkGradients(int perTensor) {
        SameDiffNetwork.Step step = net.trainingStep(features, targets, new Random(5));
        double h = 1e-3;
        int checked = 0;
        for (ParamSpec p : plan.params()) {
            if (!p.trainable()) {
                continue;
            }
            double[] analytic = flat(step.gradients().get(p.name()));
            assertEquals(p.arrayLength(), analytic.length, p.name());
            int every = Math.max(1, p.arrayLength() / perTensor);
            for (int j = 0; j < p.arrayLength(); j += every) {
                int at = p.arrayOffset() + j;
                float original = params[at];
                float up = (float) (original + h);
                float down = (float) (original - h);
                params[at] = up;
                net.setParameters(params);
                double lossUp = loss(5);
                params[at] = down;
                net.setParameters(params);
                double lossDown = loss(5);
                params[at] = original;
                net.setParameters(params);
                double numeric = (lossUp - lossDown) / ((double) up - (double) down);
                double tolerance = 1e-6 + 1e-4 * Math.max(Math.abs(numeric), Math.abs(analytic[j]));
                assertEquals(numeric, analytic[j], tolerance, p.name() + "[" + j + "]: finite difference vs SameDiff");
                checked++;
            }
        }
        assertTrue(checked > 0, "no trainable parameter checked");
        double gradientMass = 0;
        for (INDArray g : step.gradients().values()) {
            gradientMass += g.norm1Number().doubleValue();
        }
        assertTrue(gradientMass > 0, "all gradients are 0");
    }

    static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], tolerance, what + "[" + j + "]");
        }
    }

    static List<LayerSpec> layers(LayerSpec... l) {
        return new ArrayList<>(List.of(l));
    }
}

package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.data.Shuffle;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The direct executor against its reference, the SameDiff graph of the same plan: predictions,
 * gradients and whole training runs agree within float tolerance, and repeated runs are
 * bit-identical.
 */
class DirectNetworkTest {
    private static final int EXAMPLES = 75;

    /**
     * The built-ins, a small MLP with the other activations the plan accepts, and a CNN with
     * every other layer DirectNetwork runs (same padding with stride, average pooling, same-padded
     * pooling, flatten), two with global pooling and one whose first convolution reads several
     * channels.
     */
    private static ArchitecturePlan plan(String name) {
        if ("global".equals(name)) {
            return ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 28, 28), List.of(
                    LayerSpec.conv2d(5, 3, 2, "relu"), LayerSpec.globalMaxPool(), LayerSpec.output(10))));
        }
        if ("globalavg".equals(name)) {
            return ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 28, 28), List.of(
                    LayerSpec.conv2dSame(6, 3, 1, "tanh"), LayerSpec.globalAvgPool(), LayerSpec.dense(8, "relu"), LayerSpec.output(10))));
        }
        if ("pooling".equals(name)) {
            return ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 28, 28), List.of(
                    LayerSpec.conv2dSame(4, 3, 2, "relu"), LayerSpec.avgpool(2, 2), LayerSpec.conv2dSame(6, 2, 1, "tanh"),
                    LayerSpec.maxpool(2, 1), samePool("avgpool", 3, 2), samePool("maxpool", 2, 1), LayerSpec.flatten(),
                    LayerSpec.dense(16, "relu"), LayerSpec.output(10))));
        }
        if ("channels".equals(name)) {
            // A first convolution over several input channels (FirstConvGradient's patch order).
            return ArchitecturePlan.of(new ArchitectureSpec(List.of(4, 14, 14), List.of(
                    LayerSpec.conv2d(3, 3, 1, "relu"), LayerSpec.maxpool(2, 2), LayerSpec.output(10))));
        }
        if ("mixed".equals(name)) {
            return ArchitecturePlan.of(new ArchitectureSpec(List.of(784), List.of(
                    LayerSpec.dense(30, "tanh"), LayerSpec.dense(20, "sigmoid"), LayerSpec.dense(15, "identity"),
                    LayerSpec.output(10))));
        }
        return ArchitecturePlan.of(BuiltinModels.byName(name).architecture());
    }

    private static LayerSpec samePool(String type, int kernel, int stride) {
        return new LayerSpec(type, null, null, kernel, stride, null, null, "same", null, null, null, null, null, null, null, null);
    }

    /** Random pixels in [0, 1) with mostly-zero rows, as digits are, and random labels. */
    private static Dataset data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[EXAMPLES * 784];
        int[] y = new int[EXAMPLES];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(3) == 0 ? (float) r.nextDouble() : 0f;
        }
        for (int i = 0; i < EXAMPLES; i++) {
            y[i] = r.nextInt(10);
        }
        return new Dataset(x, y, 784, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "mixed", "pooling", "global", "globalavg"})
    void predictionsEqualTheSameDiffGraph(String model) {
        ArchitecturePlan plan = plan(model);
        float[] params = ParameterInit.initialise(plan, 3);
        Dataset d = data(1);
        int[] order = Batches.identity(d.size());
        INDArray ref = SameDiffNetwork.build(plan, params).predict(Batches.features(d, order, 0, d.size()));
        INDArray got = DirectNetwork.of(plan, params).predict(d, order, 0, d.size());
        assertClose(ref.data().asFloat(), got.data().asFloat(), "probabilities");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "mixed", "pooling", "global", "globalavg", "channels"})
    void gradientsEqualTheSameDiffGraph(String model) {
        ArchitecturePlan plan = plan(model);
        float[] params = ParameterInit.initialise(plan, 5);
        Dataset d = data(2);
        int[] order = Shuffle.permutation(d.size(), 9);
        for (int n : new int[]{32, 7}) {
            DataSet batch = Batches.of(d, java.util.Arrays.copyOf(order, n), n).get(0);
            SameDiffNetwork ref = SameDiffNetwork.build(plan, params);
            ref.prepareTraining();
            Map<String, INDArray> g = ref.graph().calculateGradients(
                    Map.of(SameDiffNetwork.INPUT, batch.getFeatures(), SameDiffNetwork.LABEL, batch.getLabels()),
                    plan.params().stream().map(ParamSpec::name).toList());
            float[] expected = new float[plan.parameterArrayLength()];
            for (ParamSpec p : plan.params()) {
                System.arraycopy(g.get(p.name()).dup('c').data().asFloat(), 0, expected, p.arrayOffset(), p.arrayLength());
            }
            DirectNetwork net = DirectNetwork.of(plan, params);
            net.gradient(d, order, 0, n);
            assertClose(expected, net.gradients().data().asFloat(), model + " gradient, batch " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet"})
    void trainingEqualsSameDiffFit(String model) {
        ArchitecturePlan plan = plan(model);
        float[] init = ParameterInit.initialise(plan, 7);
        Dataset d = data(3);
        for (TrainingSpec s : new TrainingSpec[]{new TrainingSpec("adam", 1e-3, 16, 2, 0),
                new TrainingSpec("nesterovs", 1e-2, 16, 1, 0.5)}) {
            float[] expected = sameDiffTraining(plan, init, d, s, 11);
            float[] got = new LocalTrainer(plan).train(init, d, s, 11, TrainingListener.NONE).params();
            assertClose(expected, got, model + " trained with " + s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet"})
    void repeatedRunsAreBitIdentical(String model) {
        ArchitecturePlan plan = plan(model);
        float[] init = ParameterInit.initialise(plan, 13);
        Dataset d = data(4);
        TrainingSpec s = new TrainingSpec("adam", 1e-3, 16, 2, 0.1);
        float[] a = new LocalTrainer(plan).train(init, d, s, 17, TrainingListener.NONE).params();
        float[] b = new LocalTrainer(plan).train(init, d, s, 17, TrainingListener.NONE).params();
        assertArrayEquals(a, b);
        int[] order = Batches.identity(d.size());
        DirectNetwork net = DirectNetwork.of(plan, a);
        float[] p1 = net.predict(d, order, 0, d.size()).data().asFloat();
        float[] p2 = DirectNetwork.of(plan, b).predict(d, order, 0, d.size()).data().asFloat();
        assertArrayEquals(p1, p2);
    }

    /**
     * Predictions with biases far from their initial 0 (the bias rides inside the product, see
     * BiasedProduct) at batch sizes that fill the bias rows in one copy, in doubling copies and
     * with a last partial copy; every buffer run twice (the product adds to the bias rows: a
     * second run must not add twice) and again after new parameters (the bias is read at each run).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "mixed", "pooling"})
    void predictionsOfEveryBatchSizeWithBiasesEqualTheSameDiffGraph(String model) {
        ArchitecturePlan plan = plan(model);
        Dataset d = data(5);
        int[] order = Shuffle.permutation(d.size(), 3);
        DirectNetwork net = DirectNetwork.of(plan, withBiases(plan, 19));
        for (long seed : new long[]{19, 23}) {
            float[] params = withBiases(plan, seed);
            net.setParameters(params);
            SameDiffNetwork ref = SameDiffNetwork.build(plan, params);
            for (int n : new int[]{1, 2, 3, 8, 33, EXAMPLES}) {
                int start = d.size() - n;
                float[] expected = ref.predict(Batches.features(d, order, start, n)).data().asFloat();
                float[] once = net.predict(d, order, start, n).data().asFloat();
                float[] twice = net.predict(d, order, start, n).data().asFloat();
                assertClose(expected, once, model + " probabilities, batch " + n + ", parameters " + seed);
                assertArrayEquals(once, twice, model + ": a second run of the batch-" + n + " buffers");
            }
        }
    }

    /** Initial parameters with every bias drawn from [-1, 1) (they start at 0). */
    private static float[] withBiases(ArchitecturePlan plan, long seed) {
        float[] p = ParameterInit.initialise(plan, seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (ParamSpec s : plan.params()) {
            if (s.role() == ParamSpec.Role.BIAS) {
                for (int i = s.arrayOffset(); i < s.arrayOffset() + s.arrayLength(); i++) {
                    p[i] = (float) (2 * r.nextDouble() - 1);
                }
            }
        }
        return p;
    }

    /** What LocalTrainer did before the direct executor: SameDiff's own fit on the same batches. */
    private static float[] sameDiffTraining(ArchitecturePlan plan, float[] init, Dataset d, TrainingSpec s, long seed) {
        SameDiffNetwork net = SameDiffNetwork.build(plan, init, s.fedProxMu());
        net.prepareTraining();
        SameDiff sd = net.graph();
        sd.setTrainingConfig(TrainingConfig.builder().updater(LocalTrainer.updater(s))
                .dataSetFeatureMapping(SameDiffNetwork.INPUT).dataSetLabelMapping(SameDiffNetwork.LABEL).build());
        for (int e = 0; e < s.localEpochs(); e++) {
            List<DataSet> batches = Batches.of(d, Shuffle.permutation(d.size(), seed + e), s.batchSize());
            sd.fit(new ExistingDataSetIterator(batches), 1);
        }
        return net.getParameters();
    }

    /** Equal within float rounding, relative to the largest magnitude of the reference. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertTrue(expected.length == actual.length, what + ": lengths differ");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tol = 1e-4 * scale + 1e-7;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (!(diff <= worst)) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(scale > 0, what + ": the reference is all zeros");
        assertTrue(worst <= tol, what + ": differs by " + worst + " at " + at + " (tolerance " + tol + ")");
    }
}

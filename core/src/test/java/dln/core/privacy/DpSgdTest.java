package dln.core.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import dln.core.model.ParamSpec;
import dln.core.model.ParameterInit;
import dln.core.model.SameDiffNetwork;
import dln.core.model.TrainingSpec;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** DP-SGD: per-example gradients, the clipping bound, the noise, and a run. */
class DpSgdTest {
    private static final ArchitecturePlan DENSE = ArchitecturePlan.of(new ArchitectureSpec(List.of(5),
            List.of(LayerSpec.dense(4, "tanh"), LayerSpec.dense(3, "sigmoid"), LayerSpec.output(3))));
    private static final ArchitecturePlan CONV = ArchitecturePlan.of(new ArchitectureSpec(List.of(2, 7, 7),
            List.of(LayerSpec.conv2d(3, 3, 2, "tanh"), LayerSpec.conv2d(2, 2, 1, "tanh"), LayerSpec.maxpool(2, 1),
                    LayerSpec.dense(4, "tanh"), LayerSpec.output(3))));

    private static Dataset data(ArchitecturePlan plan, int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[n * plan.inputSize()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(plan.numClasses());
            for (int j = 0; j < plan.inputSize(); j++) {
                f[i * plan.inputSize() + j] = (float) (r.nextGaussian() + (j % plan.numClasses() == y[i] ? 1 : 0));
            }
        }
        return new Dataset(f, y, plan.inputSize(), plan.numClasses());
    }

    private static DataSet batch(Dataset d) {
        return Batches.of(d, Batches.identity(d.size()), d.size()).get(0);
    }

    /** The gradient of example i alone: a backward pass on a batch of one, through SameDiff's own parameter gradients. */
    private static float[] singlePass(ArchitecturePlan plan, float[] params, Dataset d, int i) {
        SameDiffNetwork net = SameDiffNetwork.build(plan, params);
        net.prepareTraining();
        DataSet one = Batches.of(d, new int[]{i}, 1).get(0);
        List<String> names = plan.params().stream().map(ParamSpec::name).toList();
        Map<String, INDArray> g = net.graph().calculateGradients(
                Map.of(SameDiffNetwork.INPUT, one.getFeatures(), SameDiffNetwork.LABEL, one.getLabels()), names);
        float[] out = new float[plan.parameterArrayLength()];
        for (ParamSpec p : plan.params()) {
            System.arraycopy(g.get(p.name()).dup('c').data().asFloat(), 0, out, p.arrayOffset(), p.arrayLength());
        }
        return out;
    }

    private static PerExampleGradients perExample(ArchitecturePlan plan, float[] params, Dataset d) {
        SameDiffNetwork net = SameDiffNetwork.build(plan, params);
        net.prepareTraining();
        DataSet b = batch(d);
        return PerExampleGradients.of(net, b.getFeatures(), b.getLabels());
    }

    private static void perExampleEqualsSinglePasses(ArchitecturePlan plan) {
        float[] params = ParameterInit.initialise(plan, 7);
        Dataset d = data(plan, 6, 3);
        PerExampleGradients g = perExample(plan, params, d);
        float[][] rows = g.materialise();
        double[] norms = g.squaredNorms();
        for (int i = 0; i < d.size(); i++) {
            float[] single = singlePass(plan, params, d, i);
            assertArrayEquals(single, rows[i], 2e-5f, "example " + i);
            double sq = 0;
            for (float v : single) {
                sq += (double) v * v;
            }
            assertEquals(sq, norms[i], 1e-5 * Math.max(1, sq), "squared norm of example " + i);
        }
    }

    @Test
    void perExampleGradientsOfDenseLayersEqualSingleExamplePasses() {
        perExampleEqualsSinglePasses(DENSE);
    }

    @Test
    void perExampleGradientsOfConvolutionsEqualSingleExamplePasses() {
        perExampleEqualsSinglePasses(CONV);
    }

    /** Removing any one example changes the clipped sum by at most C: the sensitivity the noise is scaled to. */
    @Test
    void oneExampleMovesTheClippedSumByAtMostTheClip() {
        for (ArchitecturePlan plan : List.of(DENSE, CONV)) {
            float[] params = ParameterInit.initialise(plan, 11);
            Dataset d = data(plan, 8, 5);
            PerExampleGradients g = perExample(plan, params, d);
            double clip = 0.05;
            double[] scales = DpSgdTrainer.clipScales(g.squaredNorms(), clip);
            float[] all = g.weightedSum(scales);
            double largest = 0;
            for (int k = 0; k < d.size(); k++) {
                double[] without = scales.clone();
                without[k] = 0;
                float[] rest = g.weightedSum(without);
                double sq = 0;
                for (int j = 0; j < all.length; j++) {
                    sq += Math.pow(all[j] - rest[j], 2);
                }
                largest = Math.max(largest, Math.sqrt(sq));
                assertTrue(Math.sqrt(sq) <= clip * (1 + 1e-5), "example " + k + " moved the sum by " + Math.sqrt(sq));
            }
            assertEquals(clip, largest, clip * 1e-3, "some example's gradient was above the clip, so the bound is tight");
        }
    }

    /** The noise is N(0, (sigma C)^2) per coordinate, over the expected batch, and repeats with its seed. */
    @Test
    void noiseHasTheScaleOfSigmaTimesClip() {
        float[] params = ParameterInit.initialise(DENSE, 2);
        Dataset d = data(DENSE, 10, 9);
        PerExampleGradients g = perExample(DENSE, params, d);
        DpSgdSettings dp = new DpSgdSettings(0.5, 1.3);
        float[] clean = g.weightedSum(DpSgdTrainer.clipScales(g.squaredNorms(), dp.clip()));
        int p = DENSE.parameterArrayLength();
        double sum = 0;
        double sq = 0;
        int count = 0;
        for (int rep = 0; rep < 400; rep++) {
            float[] noisy = DpSgdTrainer.privateGradient(g, p, dp, 8.0, new Random(1000 + rep));
            for (int j = 0; j < p; j++) {
                double z = noisy[j] * 8.0 - clean[j];
                sum += z;
                sq += z * z;
                count++;
            }
        }
        double mean = sum / count;
        double sd = Math.sqrt(sq / count - mean * mean);
        double expected = dp.noiseMultiplier() * dp.clip();
        // 400 x 51 draws: the standard deviation's relative standard error is about 0.5 %.
        assertEquals(expected, sd, 0.02 * expected);
        assertEquals(0, mean, 4 * expected / Math.sqrt(count));
        assertArrayEquals(DpSgdTrainer.privateGradient(g, p, dp, 8.0, new Random(5)), DpSgdTrainer.privateGradient(g, p, dp, 8.0, new Random(5)));
    }

    @Test
    void poissonSamplingDrawsAtTheRate() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        long total = 0;
        for (int s = 0; s < 200; s++) {
            total += DpSgdTrainer.poisson(r, 1000, 0.05).length;
        }
        assertEquals(50.0, total / 200.0, 2.0);
    }

    /** A run learns, repeats bit for bit with its seed, reports its mechanism; its cost against plain training is printed. */
    @Test
    void aSeededRunLearnsAndRepeats() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(20), List.of(LayerSpec.dense(16, "relu"), LayerSpec.output(4))));
        Dataset d = data(plan, 600, 21);
        TrainingSpec spec = new TrainingSpec("sgd", 0.5, 30, 3, 0);
        DpSgdSettings dp = new DpSgdSettings(1.0, 1.0);
        float[] start = ParameterInit.initialise(plan, 1);
        DpSgdTrainer trainer = new DpSgdTrainer(plan);
        DpSgdResult a = trainer.train(start, d, spec, dp, 42, TrainingListener.NONE);
        DpSgdResult b = trainer.train(start, d, spec, dp, 42, TrainingListener.NONE);
        assertArrayEquals(a.training().params(), b.training().params());
        assertEquals(new dln.api.privacy.DpSgdRun(30 / 600.0, 1.0, 1.0, 60), a.run());
        double before = accuracy(plan, start, d);
        double after = accuracy(plan, a.training().params(), d);
        assertTrue(after > before + 0.2 && after > 0.7, "accuracy " + before + " -> " + after);
        long t0 = System.nanoTime();
        new LocalTrainer(plan).train(start, d, spec, 42, TrainingListener.NONE);
        long plain = System.nanoTime() - t0;
        t0 = System.nanoTime();
        trainer.train(start, d, spec, dp, 42, TrainingListener.NONE);
        long priv = System.nanoTime() - t0;
        System.out.printf("DP-SGD cost: %.1f ms against %.1f ms plain (x%.2f) for %d steps%n", priv / 1e6, plain / 1e6, (double) priv / plain,
                a.run().steps());
    }

    private static double accuracy(ArchitecturePlan plan, float[] params, Dataset d) {
        INDArray probs = SameDiffNetwork.build(plan, params).predict(batch(d).getFeatures());
        int right = 0;
        for (int i = 0; i < d.size(); i++) {
            right += probs.getRow(i).argMax().getInt(0) == d.labels()[i] ? 1 : 0;
        }
        return (double) right / d.size();
    }
}

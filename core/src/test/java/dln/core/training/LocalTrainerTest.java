package dln.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Splits;
import dln.core.data.TestData;
import dln.core.evaluation.EvaluationResult;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {
    private static DataSplit split;

    @BeforeAll
    static void data() throws Exception {
        Dataset all = TestData.mnistOrSkip();
        DataSplit s = Splits.split(all, 0.1, 0.2, 7);
        split = new DataSplit(s.train().subset(Batches.identity(3000)), s.validation(), s.test().subset(Batches.identity(1000)));
    }

    /**
     * The MLP's batch is under LocalTrainer.SERIAL_BATCH_MULTIPLY_ADDS: it trains on one native
     * thread whatever the caller's team; LeNet's keeps the team; the caller's team size is back
     * afterwards.
     */
    @Test
    void aSmallBatchTrainsOnOneThreadWhateverTheTeam() {
        int before = NativeThreads.ofThisThread();
        try {
            NativeThreads.pin(2);
            assertEquals(1, teamWhileTraining(BuiltinModels.mlp()), "the MLP's batches");
            assertEquals(2, NativeThreads.ofThisThread(), "the caller's team size is restored");
            assertEquals(2, teamWhileTraining(BuiltinModels.lenet()), "LeNet's batches");
        } finally {
            NativeThreads.pin(before);
        }
    }

    /** The native team size seen by each batch of a short training (the same for every batch). */
    private static int teamWhileTraining(ModelSpec spec) {
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        new LocalTrainer(plan).train(ParameterInit.initialise(plan, spec.seed()), split.train().subset(Batches.identity(96)), spec.training(), 3,
                new TrainingListener() {
                    @Override
                    public void batchDone(int epoch, int batch, int total, double loss) {
                        seen.add(NativeThreads.ofThisThread());
                    }
                });
        assertEquals(1, seen.size(), "one team size for every batch: " + seen);
        return seen.iterator().next();
    }

    @Test
    void oneEpochOfMlpBeatsRandomByAWideMargin() {
        ModelSpec spec = BuiltinModels.mlp();
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        float[] init = ParameterInit.initialise(plan, spec.seed());
        Evaluator eval = new Evaluator(plan);
        double before = eval.evaluate(init, split.test()).accuracy();
        AtomicInteger batches = new AtomicInteger();
        TrainingResult r = new LocalTrainer(plan).train(init, split.train(), spec.training(), 1,
                new TrainingListener() {
                    @Override
                    public void batchDone(int epoch, int batch, int total, double loss) {
                        batches.incrementAndGet();
                    }
                });
        EvaluationResult after = eval.evaluate(r.params(), split.test());
        assertTrue(before < 0.2, "untrained accuracy " + before);
        assertTrue(after.accuracy() > 0.80, "accuracy after one epoch " + after.accuracy());
        assertTrue(after.loss() < 1.0, "loss " + after.loss());
        assertEquals(3000 / 32 + 1, batches.get());
        // The training loss the progress lines print: SameDiff's listener once reported 0.0000 here.
        assertTrue(r.finalLoss() > 0.05 && r.finalLoss() < 2.5, "mean training loss of the epoch " + r.finalLoss());
        assertEquals(3000, r.examples());
        assertFalse(Arrays.equals(init, r.params()));
        assertEquals(1000, Arrays.stream(after.perClassCount()).sum());
    }

    @Test
    void sameStartDataAndSeedGiveTheSameResult() {
        ModelSpec spec = BuiltinModels.mlp();
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        float[] init = ParameterInit.initialise(plan, spec.seed());
        Dataset small = split.train().subset(Batches.identity(500));
        LocalTrainer t = new LocalTrainer(plan);
        float[] a = t.train(init, small, spec.training(), 3, TrainingListener.NONE).params();
        float[] b = t.train(init, small, spec.training(), 3, TrainingListener.NONE).params();
        assertArrayEquals(a, b);
    }

    @Test
    void fedProxKeepsTheModelCloserToItsStart() {
        ModelSpec spec = BuiltinModels.mlp();
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        float[] init = ParameterInit.initialise(plan, spec.seed());
        Dataset small = split.train().subset(Batches.identity(1000));
        LocalTrainer t = new LocalTrainer(plan);
        float[] plain = t.train(init, small, spec.training(), 3, TrainingListener.NONE).params();
        float[] prox = t.train(init, small, spec.training().withFedProxMu(1.0), 3, TrainingListener.NONE).params();
        assertTrue(distance(prox, init) < distance(plain, init),
                "fedprox " + distance(prox, init) + " vs plain " + distance(plain, init));
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}

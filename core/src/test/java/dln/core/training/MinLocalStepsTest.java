package dln.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recipe's floor on steps ({@code minLocalSteps}): a run whose epochs make fewer steps goes on
 * through fresh passes (epoch e's permutation, as without the floor) and stops at the floor part
 * way through a pass; a floor below the epochs' steps changes no bit.
 */
class MinLocalStepsTest {
    private static final ArchitecturePlan PLAN = TinyProblem.PLAN;

    private static Dataset data() {
        return TinyProblem.data(11);
    }

    /** Batches seen, as "epoch:batch/of". */
    private static final class Steps implements TrainingListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void batchDone(final int epoch, final int batch, final int batches, final double loss) {
            seen.add(epoch + ":" + batch + "/" + batches);
        }
    }

    @Test
    void aShortRunGoesOnThroughFreshPassesAndStopsAtTheFloor() {
        final Dataset d = data();
        final float[] start = ParameterInit.initialise(PLAN, 5);
        final TrainingSpec oneEpoch = new TrainingSpec("adam", 0.01, 16, 1, 0);
        final LocalTrainer t = new LocalTrainer(PLAN);
        // 40 examples at batch 16: 3 steps a pass (16, 16, 8 examples); a floor of 7 makes two passes and one step of a third.
        final Steps steps = new Steps();
        final TrainingResult floored = t.train(start, d, oneEpoch.withMinLocalSteps(7), 3, steps);
        assertEquals(List.of("0:0/3", "0:1/3", "0:2/3", "1:0/3", "1:1/3", "1:2/3", "2:0/1"), steps.seen);
        assertEquals(2 * 40 + 16, floored.examples());
        assertEquals(3, floored.epochs());
        // A floor of 6 is two whole passes: the bits of a two-epoch run, whose second pass is the same permutation.
        assertArrayEquals(t.train(start, d, oneEpoch.withLocalEpochs(2), 3, new TrainingListener() { }).params(),
                t.train(start, d, oneEpoch.withMinLocalSteps(6), 3, new TrainingListener() { }).params());
        assertFalse(Arrays.equals(floored.params(), t.train(start, d, oneEpoch.withMinLocalSteps(6), 3, new TrainingListener() { }).params()));
    }

    @Test
    void aFloorUnderTheEpochsStepsChangesNoBit() {
        final Dataset d = data();
        final float[] start = ParameterInit.initialise(PLAN, 5);
        final TrainingSpec twoEpochs = new TrainingSpec("adam", 0.01, 16, 2, 0);
        final LocalTrainer t = new LocalTrainer(PLAN);
        assertArrayEquals(t.train(start, d, twoEpochs, 9, new TrainingListener() { }).params(),
                t.train(start, d, twoEpochs.withMinLocalSteps(6), 9, new TrainingListener() { }).params());
        assertEquals(6, twoEpochs.withMinLocalSteps(6).steps(d.size()));
        assertEquals(12, twoEpochs.withMinLocalSteps(12).steps(d.size()));
    }
}

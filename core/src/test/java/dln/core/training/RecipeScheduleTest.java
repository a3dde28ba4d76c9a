package dln.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.TrainingRecipe;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipe's learning rate schedule is what the trainer steps with: one full batch per epoch, a
 * step schedule that cuts the rate to nothing after the first step trains (almost) exactly what a
 * one-epoch run at the constant rate trains, and a constant-rate three-epoch run something else.
 */
class RecipeScheduleTest {
    private static final ArchitecturePlan PLAN = TinyProblem.PLAN;

    private static Dataset data() {
        return TinyProblem.data(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd", "nesterovs"})
    void aStepScheduleStepsWithTheScheduledRate(final String optimizer) {
        final Dataset d = data();
        final float[] start = ParameterInit.initialise(PLAN, 5);
        // Without momentum: a velocity would keep moving the weights after the rate is cut, as it should.
        final Map<String, Double> params = optimizer.equals("nesterovs") ? Map.of("momentum", 0.0) : null;
        final TrainingSpec constantOne = new TrainingSpec(optimizer, 0.05, d.size(), 1, 0, params, null, null, null);
        final TrainingSpec constantThree = constantOne.withLocalEpochs(3);
        final TrainingSpec cutAfterFirst = new TrainingSpec(optimizer, 0.05, d.size(), 3, 0, params,
                TrainingRecipe.Schedule.of("step", Map.of("every", 1.0, "factor", 1e-9)), null, null);
        final LocalTrainer t = new LocalTrainer(PLAN);
        final float[] one = t.train(start, d, constantOne, 1, new TrainingListener() { }).params();
        final float[] three = t.train(start, d, constantThree, 1, new TrainingListener() { }).params();
        final float[] cut = t.train(start, d, cutAfterFirst, 1, new TrainingListener() { }).params();
        assertArrayEquals(one, cut, 1e-5f);
        double moved = 0;
        for (int i = 0; i < one.length; i++) {
            moved = Math.max(moved, Math.abs(three[i] - cut[i]));
        }
        assertTrue(moved > 1e-3, "the constant rate kept stepping: " + moved);
    }
}

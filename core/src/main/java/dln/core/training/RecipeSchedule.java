package dln.core.training;

import dln.core.model.TrainingSpec;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The recipe's step size as ND4J's updaters ask for it: at optimiser step {@code iteration} (from 0,
 * counted across the run's epochs) of a run of {@code total} steps, by the one formula of
 * {@link dln.api.TrainingRecipe.Schedule}.
 */
final class RecipeSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final TrainingSpec spec;
    private final long total;

    RecipeSchedule(TrainingSpec spec, long total) {
        this.spec = spec;
        this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return spec.learningRateAt(iteration, total);
    }

    @Override
    public ISchedule clone() {
        return new RecipeSchedule(spec, total);
    }
}

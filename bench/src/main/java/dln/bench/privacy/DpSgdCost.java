package dln.bench.privacy;

import dln.bench.Table;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import dln.core.privacy.DpSgdSettings;
import dln.core.privacy.DpSgdTrainer;
import dln.core.privacy.PrivateTraining;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.Arrays;
import java.util.List;

/**
 * What DP-SGD's per-example gradients cost against plain training: one local epoch of the same
 * recipe on the same records, plain (SameDiff's fit) and private (one gradient pass per step,
 * per-example norms, clipping, noise), median of a few runs after a warm-up run.
 */
final class DpSgdCost {
    private static final int RUNS = 3;

    private DpSgdCost() {
    }

    /** The table for the built-in digit models on {@code data}, at the models' batch and at DP-SGD's. */
    static String table(final Dataset data) {
        final Table t = new Table("DP-SGD against plain training, one local epoch on " + data.size() + " MNIST records (median of " + RUNS + ")",
                "model", "recipe", "steps", "plain ms", "DP-SGD ms", "DP / plain");
        for (ModelSpec spec : List.of(BuiltinModels.mlp(), BuiltinModels.lenet())) {
            final ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
            for (TrainingSpec given : List.of(spec.training(), PrivateTraining.of(spec.training()))) {
                // The work per step does not depend on the step size; plain LeNet diverges at DP-SGD's 0.2 without clipping, so both time it at 0.01.
                final TrainingSpec recipe = new TrainingSpec(given.optimizer(), Math.min(given.learningRate(), 0.01), given.batchSize(),
                        given.localEpochs(), given.fedProxMu(), given.optimizerParams(), given.schedule(), given.loss(), given.preprocessing(),
                        given.minLocalSteps());
                final float[] start = ParameterInit.initialise(plan, spec.seed());
                final LocalTrainer plain = new LocalTrainer(plan);
                final DpSgdTrainer dp = new DpSgdTrainer(plan);
                final DpSgdSettings mechanism = new DpSgdSettings(1.0, 1.0);
                final double plainMs = median(() -> plain.train(start, data, recipe, 1, TrainingListener.NONE));
                final double dpMs = median(() -> dp.train(start, data, recipe, mechanism, 1, TrainingListener.NONE));
                t.row(spec.name(), recipe.optimizer() + " batch " + recipe.batchSize(), DpSgdTrainer.steps(data.size(), recipe),
                        Table.f("%.0f", plainMs), Table.f("%.0f", dpMs), Table.f("%.2f", dpMs / plainMs));
            }
        }
        return t.render();
    }

    private static double median(final Runnable run) {
        run.run();
        final double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            final long t0 = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}

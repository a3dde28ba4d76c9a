package dln.core.training;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import java.util.List;
import java.util.SplittableRandom;

/** A network of 8 inputs, 6 hidden units and 3 classes, and 40 random examples for it: training tests that need only the trainer's arithmetic. */
final class TinyProblem {
    static final ArchitecturePlan PLAN = ArchitecturePlan.of(new ArchitectureSpec(List.of(8),
            List.of(LayerSpec.dense(6, "relu"), LayerSpec.output(3))));

    private TinyProblem() {
    }

    /** 40 examples of Gaussian features and uniform labels drawn from {@code seed}. */
    static Dataset data(final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final int n = 40;
        final float[] f = new float[n * 8];
        final int[] y = new int[n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        return new Dataset(f, y, 8, 3);
    }
}

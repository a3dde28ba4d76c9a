package dln.core.model;

import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic initial parameters, computed in Java rather than by ND4J's native generator so
 * they are bit-identical on every machine and reproducible in another language: one
 * {@link java.util.Random} seeded with the spec's seed walks the flat vector in order; each
 * weight and embedding value is {@code (float) ((2 * nextDouble() - 1) * sqrt(6 / (fanIn + fanOut)))}
 * (Xavier uniform); the other tensors draw nothing: biases, batch-norm beta and running mean
 * are 0, batch-norm gamma and running variance are 1.
 */
public final class ParameterInit {
    private ParameterInit() {
    }

    /** The initial flat vector for {@code plan} and {@code seed}. */
    public static float[] initialise(ArchitecturePlan plan, long seed) {
        float[] out = new float[plan.parameterArrayLength()];
        Random rnd = new Random(seed);
        for (ParamSpec p : plan.params()) {
            int from = p.arrayOffset();
            int end = from + p.arrayLength();
            switch (p.role()) {
                case WEIGHT, EMBEDDING -> {
                    double limit = Math.sqrt(6.0 / (p.fanIn() + p.fanOut()));
                    for (int j = from; j < end; j++) {
                        out[j] = (float) ((2 * rnd.nextDouble() - 1) * limit);
                    }
                }
                case GAMMA, RUNNING_VAR -> Arrays.fill(out, from, end, 1f);
                default -> {
                    // 0
                }
            }
        }
        return out;
    }
}

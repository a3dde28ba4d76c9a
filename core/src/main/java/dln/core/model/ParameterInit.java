package dln.core.model;

import java.util.Random;

/**
 * Deterministic initial parameters, computed in Java rather than by ND4J's native generator so
 * they are bit-identical on every machine and reproducible in another language: one
 * {@link java.util.Random} seeded with the spec's seed walks the flat vector in order; each
 * weight is {@code (float) ((2 * nextDouble() - 1) * sqrt(6 / (fanIn + fanOut)))} (Xavier
 * uniform), each bias is 0 and draws nothing.
 */
public final class ParameterInit {
    private ParameterInit() {
    }

    /** The initial flat vector for {@code plan} and {@code seed}. */
    public static float[] initialise(ArchitecturePlan plan, long seed) {
        float[] out = new float[plan.parameterCount()];
        Random rnd = new Random(seed);
        for (ParamSpec p : plan.params()) {
            if (p.bias()) {
                continue;
            }
            double limit = Math.sqrt(6.0 / (p.fanIn() + p.fanOut()));
            int end = p.offset() + p.length();
            for (int j = p.offset(); j < end; j++) {
                out[j] = (float) ((2 * rnd.nextDouble() - 1) * limit);
            }
        }
        return out;
    }
}

package dln.core.model;

import java.util.Objects;

/**
 * A published model's full description: the architecture (hashed), the local training settings
 * and the seed of the initial weights.
 *
 * @param name         a label for humans (not hashed)
 * @param architecture the network
 * @param training     local training settings
 * @param seed         seed of the initial parameters
 */
public record ModelSpec(String name, ArchitectureSpec architecture, TrainingSpec training, long seed) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(training, "training");
    }

    /** The same model with other training settings. */
    public ModelSpec withTraining(TrainingSpec t) {
        return new ModelSpec(name, architecture, t, seed);
    }

    /** The same model with another seed. */
    public ModelSpec withSeed(long s) {
        return new ModelSpec(name, architecture, training, s);
    }
}

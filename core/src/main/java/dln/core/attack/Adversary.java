package dln.core.attack;

import dln.core.data.Dataset;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import java.util.List;
import java.util.function.Function;

/**
 * What one provider does with its contribution: honest, or one member of an {@link AttackTeam}.
 * The provider's workflow asks it for the data to train on, the weights to submit and the
 * samples and time to claim, so an attack can act at any of the three points a real provider
 * controls, and nothing else.
 */
public interface Adversary {

    /** The honest provider: trains on its own data, submits what training gave, claims what it did. */
    static Adversary honest() {
        return Solo.HONEST;
    }

    /**
     * A provider attacking on its own: the attacks that act alone as they are, the informed ones
     * with a team of one among {@code providers} (the ledger readers still see everybody's updates).
     */
    static Adversary alone(final Attack attack, final int providers, final long seed) {
        return attack == Attack.NONE ? honest() : AttackTeam.of(attack, 1, Math.max(1, providers), seed).member(0);
    }

    /** The attack's name, for logs and reports. */
    Attack attack();

    /** The data the provider trains on. */
    default Dataset trainingData(final Dataset own) {
        return own;
    }

    /** Whether the provider trains at all (a free rider does not). */
    default boolean trains() {
        return true;
    }

    /** The weights the provider submits for this step. */
    float[] weights(Step step);

    /** The samples and training time the provider claims, given the true ones. */
    default Claim claim(final Claim honest) {
        return honest;
    }

    /**
     * One step of a provider, as an attack sees it.
     *
     * @param me the provider's identity and handles (ledger readers read through them)
     * @param model the model being trained
     * @param round the federated round, 0 in gossip
     * @param start the weights training started from
     * @param trained what honest training gave (the start itself when the provider did not train)
     * @param seed this step's seed
     * @param startOf the aggregate of a list of parent update ids: where an update on the ledger started
     */
    record Step(Participant me, ModelContext model, int round, float[] start, float[] trained, long seed,
            Function<List<String>, float[]> startOf) {

        /** What honest training moved: trained - start. */
        public float[] delta() {
            return Vectors.minus(trained, start);
        }

        /** Federated rounds run side by side, so a team can wait for its members; gossip steps run one after another. */
        public boolean federated() {
            return model.model().federated();
        }
    }

    /**
     * What a provider claims about its work in {@code SubmitUpdate}.
     *
     * @param samples the training examples behind the update (its weight in a sample-weighted average)
     * @param millis the training time, which the committee divides the samples by
     */
    record Claim(long samples, long millis) {
        public Claim {
            if (samples <= 0 || millis <= 0) {
                throw new IllegalArgumentException("a claim needs positive samples and time, got " + samples + " in " + millis + " ms");
            }
        }
    }
}

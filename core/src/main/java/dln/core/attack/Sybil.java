package dln.core.attack;

import dln.core.data.Dataset;
import java.time.Duration;
import java.util.List;

/**
 * One of several identities run by one attacker: member 0, the leader, submits its boosted (and
 * optionally poisoned) update; the others submit jittered copies of it, so a sample-weighted
 * average counts the leader once per identity. A copy waits for the leader in a federated round
 * (bounded), takes its latest update in gossip, and sends its own boosted update when there is
 * none, so it always has something a committee would take for training.
 */
final class Sybil implements Adversary {

    private final int member;
    private final Collusion collusion;
    private final AttackSettings settings;
    private final long seed;

    Sybil(final int member, final Collusion collusion, final AttackSettings settings, final long seed) {
        this.member = member;
        this.collusion = collusion;
        this.settings = settings;
        this.seed = seed;
    }

    @Override
    public Attack attack() {
        return Attack.SYBIL;
    }

    @Override
    public Dataset trainingData(final Dataset own) {
        return settings.sybilPayload().poisonData(own);
    }

    @Override
    public boolean trains() {
        return settings.sybilPayload().trains();
    }

    @Override
    public float[] weights(final Step step) {
        final Collusion.Topic topic = new Collusion.Topic("leader", step.model().id(), step.round());
        final float[] own = Vectors.times(Vectors.minus(settings.sybilPayload().poisonWeights(step.start(), step.trained(), step.seed()),
                step.start()), settings.sybilBoost());
        if (member == 0) {
            collusion.post(topic, 0, own);
            return Vectors.plus(step.start(), own);
        }
        final List<float[]> leader = collusion.gather(topic, 1, step.federated() ? settings.patience() : Duration.ZERO);
        final float[] delta = leader.isEmpty() ? own : leader.get(0);
        return Distinct.jitter(step.start(), delta, settings.sybilJitter(), seed * 1_000_003L + 31L * member + step.seed());
    }
}

package dln.core.attack;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A member of a team that crafts one update from a set of benign estimates: the team's own
 * honest updates (each member trains honestly and posts its delta), or the ledger's last accepted
 * ones for the ledger readers, which fall back on the team's where the ledger has none yet (a
 * federated round 1). Every member of a complete team crafts the same delta from the same list;
 * the submitted weights then differ in one last bit, since the ledger refuses a CID twice.
 */
final class Colluder implements Adversary {

    private final Attack attack;
    private final int member;
    private final int members;
    private final Collusion collusion;
    private final Function<List<float[]>, float[]> craft;
    private final AttackSettings settings;

    Colluder(final Attack attack, final int member, final int members, final Collusion collusion,
            final Function<List<float[]>, float[]> craft, final AttackSettings settings) {
        this.attack = attack;
        this.member = member;
        this.members = members;
        this.collusion = collusion;
        this.craft = craft;
        this.settings = settings;
    }

    @Override
    public Attack attack() {
        return attack;
    }

    @Override
    public float[] weights(final Step step) {
        final Collusion.Topic topic = new Collusion.Topic("estimate", step.model().id(), step.round());
        collusion.post(topic, member, step.delta());
        List<float[]> estimates = List.of();
        if (attack.readsLedger()) {
            collusion.enlist(step.me().identity());
            estimates = LedgerEstimates.read(step, settings.ledgerPage(), collusion.enlisted());
        }
        if (estimates.isEmpty()) {
            estimates = step.federated() ? collusion.gather(topic, members, settings.patience()) : collusion.gather(topic, 0, Duration.ZERO);
        }
        return Distinct.nudge(Vectors.plus(step.start(), craft.apply(estimates)), member);
    }
}

package dln.core.attack;

import dln.core.data.Dataset;

/**
 * A provider that acts on its own: honest, one of the seven attacks on its data or weights, or
 * an inflated claim. Stateless, so one instance serves any number of providers.
 */
record Solo(Attack attack, AttackSettings settings) implements Adversary {

    static final Solo HONEST = new Solo(Attack.NONE, AttackSettings.DEFAULT);

    Solo {
        if (attack.crafted() || attack == Attack.SYBIL || attack == Attack.LEDGER_NOISE) {
            throw new IllegalArgumentException(attack.wire() + " does not act alone");
        }
    }

    @Override
    public Dataset trainingData(final Dataset own) {
        return attack.poisonData(own);
    }

    @Override
    public boolean trains() {
        return attack.trains();
    }

    @Override
    public float[] weights(final Step step) {
        return attack.poisonWeights(step.start(), step.trained(), step.seed());
    }

    /**
     * Inflation multiplies the samples and stretches the claimed time only as far as needed to stay
     * under a plausible rate: the committee checks samples per second, nothing else about the claim.
     */
    @Override
    public Claim claim(final Claim honest) {
        if (attack != Attack.INFLATE) {
            return honest;
        }
        final long samples = Math.round(honest.samples() * settings.inflation());
        final long millis = Math.max(honest.millis(), (long) Math.ceil(samples * 1000.0 / settings.plausibleRate()));
        return new Claim(samples, millis);
    }
}

package dln.core.attack;

/**
 * Added noise steered along the federation's last step, which anyone reads from the ledger: the
 * round's start less the start before it. {@link Attack#NOISE} is as orthogonal to that course as
 * to the other updates, so the contribution rule calls its long step astray and holds it to clear
 * help; this attacker adds just enough of the course (cosine {@link #COSINE} with it) for the rule
 * to ask it for help beyond the fragment's noise only, as it asks the largest provider of
 * quantity-skewed data (docs/protocol.md §1). The attack the course exemption opens, measured in
 * the harness (docs/protocol.md §8). Plain
 * noise in round 1 and in gossip, where no course is measured.
 */
record CourseNoise() implements Adversary {

    /** The cosine with the course it aims for: five times the rule's bound of 0.01, beyond any member's rounding. */
    static final double COSINE = 0.05;

    @Override
    public Attack attack() {
        return Attack.LEDGER_NOISE;
    }

    @Override
    public float[] weights(final Step step) {
        final float[] noisy = Attack.NOISE.poisonWeights(step.start(), step.trained(), step.seed());
        if (!step.federated() || step.round() < 2) {
            return noisy;
        }
        final float[] previous = step.startOf().apply(step.me().ledger().getRound(step.model().id(), step.round() - 1).parents());
        final float[] course = Vectors.minus(step.start(), previous);
        final double courseRms = Vectors.rms(course);
        if (courseRms == 0) {
            return noisy;
        }
        // The noise is orthogonal to the course (to within 1/sqrt(d)): a component along it of
        // c / sqrt(1 - c^2) times the noise's length makes the cosine c.
        final double beta = COSINE / Math.sqrt(1 - COSINE * COSINE) * Vectors.rms(Vectors.minus(noisy, step.start())) / courseRms;
        return Vectors.plus(noisy, Vectors.times(course, beta));
    }
}

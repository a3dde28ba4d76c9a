package dln.core.optimiser;

/**
 * What FedAdam and FedYogi share (Reddi et al. 2021, Algorithm 2): the adaptive step, the initial
 * state and the description, here once so the two cannot drift apart; the variants differ only in
 * their second-moment update ({@link AdaptiveStep.SecondMoment}), chosen by which record this is.
 */
sealed interface AdaptiveOptimiser extends ServerOptimiser permits FedAdam, FedYogi {

    /** The server learning rate (the paper's eta). */
    double lr();

    /** The first-moment decay. */
    double beta1();

    /** The second-moment decay. */
    double beta2();

    /** The adaptivity constant. */
    double tau();

    @Override
    default Step step(final float[] current, final float[] aggregate, final OptimiserState state) {
        return AdaptiveStep.step(this, kind(), lr(), beta1(), beta2(), tau(), current, aggregate, state);
    }

    @Override
    default OptimiserState initial(final int dimension) {
        return AdaptiveStep.initial(dimension, tau());
    }

    @Override
    default int stateVectors() {
        return 2;
    }

    @Override
    default String describe() {
        return kind().wire() + "(lr=" + lr() + ",beta1=" + beta1() + ",beta2=" + beta2() + ",tau=" + tau() + ")";
    }

    /** The variant: the set of records is sealed, so this is all of them. */
    private AdaptiveStep.SecondMoment kind() {
        return this instanceof FedYogi ? AdaptiveStep.SecondMoment.YOGI : AdaptiveStep.SecondMoment.ADAM;
    }
}

package dln.core.optimiser;

/**
 * FedAdam (Reddi et al. 2021, "Adaptive Federated Optimization", Algorithm 2): Adam on the
 * pseudo-gradient {@code delta = aggregate - current}, without bias correction, as in the paper.
 * {@code m <- beta1 m + (1 - beta1) delta; v <- beta2 v + (1 - beta2) delta^2;
 * x <- x + lr m / (sqrt(v) + tau)}.
 *
 * <p>The initial state follows the paper rather than zeros: m = 0 and v = tau^2 (its
 * {@code v_{-1} >= tau^2}, taken with equality).
 * Defaults and why: {@link dln.api.OptimiserName}. The step, state and checks are {@link AdaptiveOptimiser}'s,
 * shared with FedYogi.
 *
 * @param lr    the server learning rate (the paper's eta), &gt; 0
 * @param beta1 the first-moment decay, in [0, 1)
 * @param beta2 the second-moment decay, in [0, 1)
 * @param tau   the adaptivity constant: how small a second moment still scales the step, &gt; 0
 */
public record FedAdam(double lr, double beta1, double beta2, double tau) implements AdaptiveOptimiser {

    public FedAdam {
        AdaptiveStep.check(AdaptiveStep.SecondMoment.ADAM, lr, beta1, beta2, tau);
    }
}

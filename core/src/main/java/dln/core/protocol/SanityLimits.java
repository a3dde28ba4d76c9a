package dln.core.protocol;

/**
 * Bounds an update must respect before it is evaluated at all.
 *
 * @param minRelativeDistance the smallest ||w - start|| / ||start|| accepted: an update that barely
 *        moved did not train (a free-rider re-submitting its parents)
 * @param maxRelativeDistance the largest ||w - start|| / ||start|| accepted
 * @param maxExamplesPerSecond claimed samples over claimed training time above this are implausible
 * @param maxRegression how much worse than its parents' aggregate an update may score on the
 *        fragment (accuracy points as a fraction, or relative loss increase); an absolute
 *        threshold alone lets a sign-flipped update of a good model through
 * @param minTrendCosine federated rounds after the first: the lowest cosine accepted between an
 *        update's step and the federation's previous step (see {@link UpdateGeometry#trendCosine});
 *        a late sign-flip costs too little accuracy for the regression bound, but points backwards
 */
public record SanityLimits(double minRelativeDistance, double maxRelativeDistance, double maxExamplesPerSecond, double maxRegression,
        double minTrendCosine) {
    /**
     * Defaults: honest one-epoch updates measured here move 0.05-0.6 relative and lose at most a
     * few points against their parents on skewed data; training runs under 50k ex/s; one local
     * epoch moves a model by far more than 0.1%; honest steps measured 0.13-0.50 in cosine with
     * the previous round's step, sign-flipped ones -0.40 to -0.48, noise within 0.01 of zero.
     */
    public static final SanityLimits DEFAULT = new SanityLimits(1e-3, 5.0, 200_000, 0.15, 0.05);
}

package dln.core.protocol;

/**
 * Bounds an update must respect before it is evaluated at all.
 *
 * @param minRelativeDistance the smallest ||w - start|| / ||start|| accepted: an update that barely
 *        moved did not train (a free-rider re-submitting its parents) or learnt nothing from its data ({@link #notMoved})
 * @param maxRelativeDistance the largest ||w - start|| / ||start|| accepted
 * @param maxExamplesPerSecond claimed samples over claimed training time above this are implausible
 * @param maxRegression how much worse than its parents' aggregate an update may score on the
 *        fragment (accuracy points as a fraction, or relative loss increase); an absolute
 *        threshold alone lets a sign-flipped update of a good model through
 * @param minTrendCosine federated rounds after the first: the lowest cosine accepted between an
 *        update's step and the federation's previous step (see {@link UpdateGeometry#trendCosine});
 *        a late sign-flip costs too little accuracy for the regression bound, but points backwards
 * @param unavailablePatience how long a member keeps retrying an update whose weights it cannot
 *        fetch (content not found, IPFS unreachable) before it records the score as unavailable:
 *        an outage is not a verdict, but a round should not wait for content that never comes
 * @param maxParameters the largest architecture this member approves, in parameters: what its
 *        machine can fetch, hold and evaluate (a start held whole, 4 bytes a parameter, beside the
 *        engine's copy); a member's setting, not the ledger's, as the limit protects the member's
 *        own heap and time and a publisher would otherwise choose the limit its model is judged by
 */
public record SanityLimits(double minRelativeDistance, double maxRelativeDistance, double maxExamplesPerSecond, double maxRegression,
        double minTrendCosine, java.time.Duration unavailablePatience, long maxParameters) {

    /**
     * 50M parameters: a 200 MB start, which a member with the default 3 GiB heap evaluates beside
     * the fetched update; a 100M-parameter model runs within 3 GiB too (see docs/models-and-data.md,
     * "Big models") for a member that raises it.
     */
    public static final long DEFAULT_MAX_PARAMETERS = 50_000_000;

    /** Ten minutes: long enough to ride through a Kubo or peer restart, short against a round's hour. */
    public static final java.time.Duration DEFAULT_UNAVAILABLE_PATIENCE = java.time.Duration.ofMinutes(10);

    public SanityLimits {
        if (unavailablePatience == null || unavailablePatience.isNegative()) {
            throw new IllegalArgumentException("unavailablePatience must be zero or positive");
        }
        if (maxParameters <= 0) {
            throw new IllegalArgumentException("maxParameters must be positive, got " + maxParameters);
        }
    }

    /** Whether an update that moved {@code distance} of its parents' norm moved too little to count as trained. */
    public boolean barelyMoved(final double distance) {
        return distance < minRelativeDistance;
    }

    /**
     * Why an update that moved {@code distance} of its parents' norm, under these limits' least, is
     * refused. Not only a free rider re-submitting its parents moves so little: so does an honest
     * provider whose few examples the model already fits (in float32 a saturated softmax gives a zero
     * gradient; ten-example providers of quantity-skewed data late in a run moved 10^-9 to 10^-3,
     * docs/protocol.md §8), and the reason it reads on the ledger says both.
     */
    public String notMoved(final double distance) {
        return String.format(java.util.Locale.ROOT,
                "moved %.2e of the parents' norm (the least is %.0e): it did not train, or the model already fits its data", distance,
                minRelativeDistance);
    }

    /** Limits with the default patience for unavailable content. */
    public SanityLimits(final double minRelativeDistance, final double maxRelativeDistance, final double maxExamplesPerSecond,
                        final double maxRegression, final double minTrendCosine) {
        this(minRelativeDistance, maxRelativeDistance, maxExamplesPerSecond, maxRegression, minTrendCosine, DEFAULT_UNAVAILABLE_PATIENCE,
                DEFAULT_MAX_PARAMETERS);
    }

    /** These limits with another patience for unavailable content. */
    public SanityLimits withUnavailablePatience(final java.time.Duration patience) {
        return new SanityLimits(minRelativeDistance, maxRelativeDistance, maxExamplesPerSecond, maxRegression, minTrendCosine, patience,
                maxParameters);
    }

    /** These limits with another largest architecture approved, in parameters. */
    public SanityLimits withMaxParameters(final long parameters) {
        return new SanityLimits(minRelativeDistance, maxRelativeDistance, maxExamplesPerSecond, maxRegression, minTrendCosine,
                unavailablePatience, parameters);
    }

    /**
     * Defaults: honest one-epoch updates measured here move 0.05-0.6 relative and lose at most a
     * few points against their parents on skewed data; training runs under 50k ex/s; honest steps
     * measured 0.13-0.50 in cosine with the previous round's step, sign-flipped ones -0.40 to
     * -0.48, noise within 0.01 of zero. The least move is a millionth of the norm: a re-submitted
     * start moves nothing, while honest training of a model that already fits its data moves
     * little and keeps moving less: at 1e-3 (until 2026-12-06) 52 of the 53 honest updates
     * rejected in a 30-round run (16 IID providers) were refused for it, up to 12 of 16 in one
     * round, at 7.9e-9 to 8.7e-4 of the norm (docs/protocol.md §8, "The least move"). What moves
     * more than a millionth is judged by what it adds, as every other update is.
     */
    public static final SanityLimits DEFAULT = new SanityLimits(1e-6, 5.0, 200_000, 0.15, 0.05);
}

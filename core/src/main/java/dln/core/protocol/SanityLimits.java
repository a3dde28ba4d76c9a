package dln.core.protocol;

/**
 * Bounds an update must respect before it is evaluated at all.
 *
 * @param maxRelativeDistance the largest ||w - start|| / ||start|| accepted
 * @param maxExamplesPerSecond claimed samples over claimed training time above this are implausible
 */
public record SanityLimits(double maxRelativeDistance, double maxExamplesPerSecond) {
    /** Generous defaults: honest one-epoch updates measured here move 0.05-0.6 relative; training runs under 50k ex/s. */
    public static final SanityLimits DEFAULT = new SanityLimits(5.0, 1_000_000);
}

package dln.core.optimiser;

/** Parameter checks shared by the optimisers, so a bad value reads the same everywhere. */
final class Checks {
    private Checks() {
    }

    static void rate(final String optimiser, final String name, final double v, final String example) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(optimiser + " " + name + " must be a positive finite number, e.g. " + example + "; got " + v);
        }
    }

    static void decay(final String optimiser, final String name, final double v, final String example) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimiser + " " + name + " must be in [0, 1), e.g. " + example + "; got " + v);
        }
    }
}

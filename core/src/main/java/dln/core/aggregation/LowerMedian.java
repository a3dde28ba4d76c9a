package dln.core.aggregation;

import java.util.Arrays;

/**
 * The lower median, the one robust centre the learning rules use (the median-capped weight, the
 * set's typical step and its spread, the adaptive clip bound): the element at {@code (n - 1) / 2}
 * of the values sorted ascending. Why the lower one: with an even count, the upper half (the
 * attackers, at most) cannot raise it; and it is one of the values, no arithmetic, so the same
 * bits on every machine.
 */
public final class LowerMedian {
    private LowerMedian() {
    }

    /** The lower median of {@code values} (not changed), at least one. */
    public static double of(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    /** The lower median of {@code values} (not changed), at least one. */
    public static long of(final long[] values) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}

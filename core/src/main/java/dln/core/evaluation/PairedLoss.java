package dln.core.evaluation;

/**
 * How much one model lowers the loss of another on the same examples: the mean of the paired
 * differences {@code without[i] - with[i]} and its standard error {@code sd / sqrt(n)}. Pairing
 * cancels what the two models share (hard examples stay hard for both), so the error is that of
 * the difference, far smaller than the error of either loss: a change of 1/32 of an update is
 * still measurable on a few hundred examples.
 *
 * @param mean the mean loss decrease in nats; positive when "with" is better
 * @param standardError the standard error of {@code mean}; 0 for fewer than two examples
 * @param examples the number of pairs
 */
public record PairedLoss(double mean, double standardError, int examples) {

    /** The paired difference of two per-example loss vectors of the same examples. */
    public static PairedLoss of(final double[] without, final double[] with) {
        if (without.length != with.length || without.length == 0) {
            throw new IllegalArgumentException("paired losses need the same non-zero number of examples, got "
                    + without.length + " and " + with.length);
        }
        final int n = without.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += without[i] - with[i];
        }
        final double mean = sum / n;
        if (n < 2) {
            return new PairedLoss(mean, 0, n);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            final double d = without[i] - with[i] - mean;
            squares += d * d;
        }
        return new PairedLoss(mean, Math.sqrt(squares / (n - 1) / n), n);
    }

    /**
     * The largest {@link #tStatistic} of the paired differences over the examples of one class:
     * how much "with" helps the class it helps most. Classes with fewer than two examples are left
     * out (no spread to judge by); null when none is left. An honest update of skewed data that
     * harms a balanced fragment still helps its own classes; one trained on flipped labels helps
     * none of them (docs/protocol.md §1).
     *
     * @param labels each example's class, in [0, classes)
     */
    public static Double bestClass(final double[] without, final double[] with, final int[] labels, final int classes) {
        return bestClass(byClass(without, with, labels, classes));
    }

    /** The largest of the classes' t-statistics {@code perClass} ({@link #byClass}; NaN: not measured), null when none was. */
    public static Double bestClass(final double[] perClass) {
        Double best = null;
        for (double t : perClass) {
            if (!Double.isNaN(t)) {
                best = best == null ? t : Math.max(best, t);
            }
        }
        return best;
    }

    /**
     * The {@link #tStatistic} of the paired differences over each class's examples, bounded to
     * +-10^6; NaN for a class with fewer than two examples (no spread to judge by).
     *
     * @param labels each example's class, in [0, classes)
     */
    public static double[] byClass(final double[] without, final double[] with, final int[] labels, final int classes) {
        if (labels.length != without.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + without.length + " paired losses");
        }
        final int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        final double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            if (counts[c] < 2) {
                out[c] = Double.NaN;
                continue;
            }
            final double[] a = new double[counts[c]];
            final double[] b = new double[counts[c]];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    a[k] = without[i];
                    b[k++] = with[i];
                }
            }
            out[c] = Math.max(-1.0e6, Math.min(1.0e6, of(a, b).tStatistic()));
        }
        return out;
    }

    /**
     * Of the classes {@link #byClass} measured ({@code perClass}, NaN where not), the share whose
     * t-statistic is below {@code -t}: made worse beyond {@code t} standard errors. Null when no
     * class was measured.
     */
    public static Double harmedShare(final double[] perClass, final double t) {
        int measured = 0;
        int harmed = 0;
        for (double v : perClass) {
            if (!Double.isNaN(v)) {
                measured++;
                harmed += v < -t ? 1 : 0;
            }
        }
        return measured == 0 ? null : (double) harmed / measured;
    }

    /** How many standard errors the decrease is (bounded; a difference without spread counts by its sign). */
    public double tStatistic() {
        if (standardError > 0) {
            return mean / standardError;
        }
        return Math.signum(mean) * 1.0e6;
    }
}

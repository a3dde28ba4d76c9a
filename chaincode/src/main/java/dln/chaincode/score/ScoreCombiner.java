package dln.chaincode.score;

import java.util.Arrays;

/** Combines the quorum's scores: the median (robust to a minority of bad scorers) or a weighted mean. */
public final class ScoreCombiner {

    private ScoreCombiner() {
    }

    public static double median(final double[] values) {
        final double[] v = values.clone();
        Arrays.sort(v);
        final int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    /** Summed in the given order (scorer key order), so every peer gets the same floating-point result. */
    public static double weightedMean(final double[] values, final double[] weights) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < values.length; i++) {
            num += values[i] * weights[i];
            den += weights[i];
        }
        return num / den;
    }
}

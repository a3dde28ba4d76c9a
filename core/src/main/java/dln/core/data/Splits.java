package dln.core.data;

import java.util.Arrays;
import java.util.List;

/** Seeded splits of a dataset. */
public final class Splits {
    private Splits() {
    }

    /**
     * Shuffles with {@code seed} and cuts into train, validation and test: the last
     * {@code floor(n * testFraction)} examples of the permutation are test, the
     * {@code floor(n * validationFraction)} before them validation, the rest train.
     */
    public static DataSplit split(Dataset d, double validationFraction, double testFraction, long seed) {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions must be >= 0 and sum below 1, got "
                    + validationFraction + " + " + testFraction);
        }
        int n = d.size();
        int[] p = Shuffle.permutation(n, seed);
        int nTest = (int) Math.floor(n * testFraction);
        int nVal = (int) Math.floor(n * validationFraction);
        int nTrain = n - nVal - nTest;
        return new DataSplit(
                d.subset(Arrays.copyOfRange(p, 0, nTrain)),
                d.subset(Arrays.copyOfRange(p, nTrain, nTrain + nVal)),
                d.subset(Arrays.copyOfRange(p, nTrain + nVal, n)));
    }

    /** Splits a validation set into one fragment per committee member (IID, seeded, sizes differ by at most one). */
    public static List<Dataset> committeeFragments(Dataset validation, int members, long seed) {
        return Partitions.apply(validation, new IidPartitioner(), members, seed);
    }
}

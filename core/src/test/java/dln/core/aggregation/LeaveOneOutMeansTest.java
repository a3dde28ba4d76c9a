package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.core.weights.ParameterSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The leave-one-out means: FedAvg over the others, by the documented definition, the same bits read by ranges. */
class LeaveOneOutMeansTest {

    private static final int N = 7;
    private static final int DIM = 1000;

    private static float[][] vectors(final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[][] v = new float[N][DIM];
        for (float[] x : v) {
            for (int j = 0; j < DIM; j++) {
                x[j] = (float) (r.nextGaussian() * 0.1);
            }
        }
        return v;
    }

    private static final long[] WEIGHTS = {300, 1, 999_999_999_999L, 57, 57, 12_345, 8};

    @Test
    void aMeanWithoutSomeIsFedAvgOverTheOthersWithTheirWeights() {
        final float[][] v = vectors(1);
        final LeaveOneOutMeans means = new LeaveOneOutMeans(v, WEIGHTS);
        for (int[] g : List.of(new int[] {0}, new int[] {2}, new int[] {6}, new int[] {3, 4}, new int[] {1, 2, 5})) {
            final List<ModelUpdate> others = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                final int k = i;
                if (Arrays.stream(g).noneMatch(x -> x == k)) {
                    others.add(new ModelUpdate("u-" + i, v[i], WEIGHTS[i]));
                }
            }
            final float[] fedAvg = new FedAvg().aggregate(AggregationInput.of(others));
            final float[] linear = means.without(g);
            for (int j = 0; j < DIM; j++) {
                assertEquals(fedAvg[j], linear[j], 1e-6 * Math.max(1e-3, Math.abs(fedAvg[j])), Arrays.toString(g) + " at " + j);
            }
        }
    }

    /** The definition in the class's Javadoc, written out: these are the bits every machine must get. */
    @Test
    void theBitsAreThoseOfTheDefinition() {
        final float[][] v = vectors(2);
        final int[] g = {5, 1};
        final float[] expected = new float[DIM];
        long total = 0;
        for (long w : WEIGHTS) {
            total += w;
        }
        for (int j = 0; j < DIM; j++) {
            double s = 0.0;
            for (int i = 0; i < N; i++) {
                s += (double) WEIGHTS[i] * (double) v[i][j];
            }
            s -= (double) WEIGHTS[1] * (double) v[1][j];
            s -= (double) WEIGHTS[5] * (double) v[5][j];
            expected[j] = (float) (s / (double) (total - WEIGHTS[1] - WEIGHTS[5]));
        }
        assertArrayEquals(expected, new LeaveOneOutMeans(v, WEIGHTS).without(g));
    }

    /** Leaving out most of the weight: the rest summed on its own, as the Javadoc defines it (no digits cancelled). */
    @Test
    void leavingOutMostOfTheWeightSumsTheRestOnItsOwn() {
        final float[][] v = vectors(5);
        final float[] expected = new float[DIM];
        long rest = 0;
        for (int i = 0; i < N; i++) {
            rest += i == 2 ? 0 : WEIGHTS[i];
        }
        for (int j = 0; j < DIM; j++) {
            double s = 0.0;
            for (int i = 0; i < N; i++) {
                if (i != 2) {
                    s += (double) WEIGHTS[i] * (double) v[i][j];
                }
            }
            expected[j] = (float) (s / (double) rest);
        }
        assertArrayEquals(expected, new LeaveOneOutMeans(v, WEIGHTS).without(2));
    }

    @Test
    void readByRangesItGivesTheSameBits() throws Exception {
        final float[][] v = vectors(3);
        final List<ParameterSource> sources = Arrays.stream(v).map(ParameterSource::of).toList();
        final LeaveOneOutMeans means = new LeaveOneOutMeans(v, WEIGHTS);
        for (int[] g : List.of(new int[] {0}, new int[] {4, 6})) {
            // 96 does not divide 1000: the last chunk is shorter
            assertArrayEquals(means.without(g), LeaveOneOutMeans.without(sources, WEIGHTS, g, 96), Arrays.toString(g));
        }
    }

    @Test
    void leavingEveryUpdateOutOrRepeatingOneIsRefused() {
        final LeaveOneOutMeans means = new LeaveOneOutMeans(vectors(4), WEIGHTS);
        assertThrows(IllegalArgumentException.class, () -> means.without(0, 1, 2, 3, 4, 5, 6));
        assertThrows(IllegalArgumentException.class, () -> means.without(2, 2));
        assertThrows(IllegalArgumentException.class, () -> means.without(7));
        assertThrows(IllegalArgumentException.class, () -> new LeaveOneOutMeans(vectors(4), new long[] {1, 2}));
    }
}

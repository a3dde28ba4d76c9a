package dln.core.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pairs of steps {@code v_i - start} whose cosine is at least a threshold close to 1 (copies
 * of one update), among vectors held in memory, without computing every pair's dot product over
 * every coordinate: the same pairs, with the same cosines, as {@link UpdateGeometry.Steps} over
 * all pairs, in O(n d) plus a small part of O(n^2 d).
 *
 * <p>Why it is exact: for unit vectors, {@code |a - b|^2 = 2 - 2 cos(a, b)}, so a pair at cosine
 * {@code c} or more has {@code |a - b|^2 <= 2 (1 - c)}, and so has every part of that sum over a
 * subset of the coordinates. Each pair's normalised difference is summed block by block (the
 * blocks where the steps move most first) and the pair is set aside as soon as the partial sum
 * exceeds {@code 2 (1 - c)} by a margin far above double rounding ({@link #MARGIN}). Every pair
 * not set aside gets its dot product summed over all coordinates in index order, in double, as
 * {@link UpdateGeometry.Steps} sums it, and is judged by the same cosine. Honest steps (cosines
 * of 0.5 or less) are set aside after a block or two; only near-copies are summed whole.
 */
final class CloseSteps {

    /** Coordinates per block of the pre-filter. */
    static final int BLOCK = 1024;
    /**
     * How far above {@code 2 (1 - c)} a partial sum must be to set a pair aside: the sums'
     * rounding is below 10^-10 for any model that fits a Java array, so a pair set aside has a
     * cosine below the threshold by at least ~5 * 10^-7, which the exact cosine would also show.
     */
    static final double MARGIN = 1e-6;

    private CloseSteps() {}

    /**
     * The pairs (i, j), i &lt; j, with {@code cos(v_i - start, v_j - start) >= threshold}, ascending;
     * a step below 10^-12 of the start's squared norm has no cosine (as in {@link UpdateGeometry.Steps#cosine}).
     */
    static List<int[]> pairs(final List<float[]> vectors, final float[] start, final double threshold) {
        final int n = vectors.size();
        final int dim = start.length;
        for (float[] v : vectors) {
            if (v.length != dim) {
                throw new IllegalArgumentException("vectors of " + v.length + " and " + dim + " parameters cannot be compared");
            }
        }
        final float[][] v = vectors.toArray(new float[0][]);
        final int blocks = (dim + BLOCK - 1) / BLOCK;
        // Squared norms, summed in index order as Steps sums them; each block's energy only orders the blocks.
        double start2 = 0;
        for (int k = 0; k < dim; k++) {
            final double s = start[k];
            start2 += s * s;
        }
        final double[] norm2 = new double[n];
        final double[] energy = new double[blocks];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int b = 0; b < blocks; b++) {
                double e = 0;
                for (int k = b * BLOCK, end = Math.min(dim, k + BLOCK); k < end; k++) {
                    final double x = (double) v[i][k] - start[k];
                    final double xx = x * x;
                    acc += xx;
                    e += xx;
                }
                energy[b] += e;
            }
            norm2[i] = acc;
        }
        final Integer[] order = new Integer[blocks];
        for (int b = 0; b < blocks; b++) {
            order[b] = b;
        }
        Arrays.sort(order, (a, b) -> Double.compare(energy[b], energy[a]));
        final double tiny = 1e-12 * Math.max(1e-12, start2);
        final double bound = 2 * (1 - threshold) + MARGIN;
        final List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (norm2[i] <= tiny) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (norm2[j] <= tiny || apart(v[i], v[j], start, 1 / Math.sqrt(norm2[i]), 1 / Math.sqrt(norm2[j]), order, bound)) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < dim; k++) {
                    final double s = start[k];
                    dot += ((double) v[j][k] - s) * ((double) v[i][k] - s);
                }
                if (dot / Math.sqrt(norm2[i] * norm2[j]) >= threshold) {
                    out.add(new int[] {i, j});
                }
            }
        }
        return out;
    }

    /** Whether the normalised steps of a and b differ by more than {@code bound} (squared) on some blocks. */
    private static boolean apart(final float[] a, final float[] b, final float[] start, final double ia, final double ib, final Integer[] order,
            final double bound) {
        double partial = 0;
        for (int block : order) {
            for (int k = block * BLOCK, end = Math.min(start.length, k + BLOCK); k < end; k++) {
                final double s = start[k];
                final double d = ((double) a[k] - s) * ia - ((double) b[k] - s) * ib;
                partial += d * d;
            }
            if (partial > bound) {
                return true;
            }
        }
        return false;
    }
}

package dln.core.aggregation;

import dln.core.weights.ParameterSource;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The weighted means of a set of updates with some of them left out, each in time linear in the
 * parameters whatever the set's size: the weighted sum of the whole set is accumulated once, and a
 * mean without a subset {@code g} is that sum less {@code g}'s terms, over the total weight less
 * {@code g}'s. A member measuring every update's contribution to a FedAvg round needs n such
 * means; computed one by one from the others, they cost O(n^2 d), from the sum O(n d).
 *
 * <p>The exact definition, so that every participant gets the same bits: with the updates in
 * canonical order (by key: the protocol's Aggregates.CANONICAL), weights {@code w_i} (integers, as the rule receives them) and
 * {@code W = sum_i w_i} (exact, in long), coordinate by coordinate
 * <pre>
 *   S[j]          = sum over i in canonical order of (double) w_i * (double) x_i[j], from 0.0
 *   without(g)[j] = (float) ((S[j] - sum over i in g, in canonical order, of (double) w_i * x_i[j]) / (double) (W - w_g))
 * </pre>
 * in Java's strict double arithmetic, except when {@code g} weighs more than half of {@code W}
 * (at most one subset of a set does), where the rest's terms are summed on their own instead of
 * subtracted from {@code S}, which would cancel their digits away:
 * <pre>
 *   without(g)[j] = (float) ((sum over i not in g, in canonical order, of (double) w_i * x_i[j], from 0.0) / (double) (W - w_g))
 * </pre>
 * The remaining updates keep the weights the whole set gave
 * them. This is the leave-one-out counterpart of {@link FedAvg}, whose own result
 * ({@code sum_i (w_i / W) x_i}) stays what a round records: the two may differ in the last bits
 * of a float, which a contribution (a loss difference) does not see, and both are the same on
 * every machine.
 */
public final class LeaveOneOutMeans {

    private final float[][] vectors;
    private final long[] weights;
    private final long total;
    private final double[] sum;

    /**
     * @param vectors the updates' vectors in canonical order (not copied: the caller must not change them meanwhile)
     * @param weights their weights, &gt; 0, in the same order
     */
    public LeaveOneOutMeans(final float[][] vectors, final long[] weights) {
        if (vectors.length == 0 || vectors.length != weights.length) {
            throw new IllegalArgumentException("need one weight per vector and at least one vector, got " + vectors.length + " and " + weights.length);
        }
        final int dim = vectors[0].length;
        long t = 0;
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " parameters, expected " + dim);
            }
            if (weights[i] <= 0) {
                throw new IllegalArgumentException("weights must be > 0, got " + weights[i] + " at " + i);
            }
            t = Math.addExact(t, weights[i]);
        }
        this.vectors = vectors.clone();
        this.weights = weights.clone();
        this.total = t;
        this.sum = new double[dim];
        for (int i = 0; i < vectors.length; i++) {
            addTerm(sum, i, 1.0);
        }
    }

    /**
     * The weighted mean of the set without the updates at {@code leftOut} (indices into the
     * canonical order, ascending, not all of them).
     */
    public float[] without(final int... leftOut) {
        final int[] g = leftOut.clone();
        Arrays.sort(g);
        long w = 0;
        for (int k = 0; k < g.length; k++) {
            if (g[k] < 0 || g[k] >= vectors.length || k > 0 && g[k] == g[k - 1]) {
                throw new IllegalArgumentException("indices must be distinct and in [0, " + vectors.length + "), got " + Arrays.toString(leftOut));
            }
            w += weights[g[k]];
        }
        if (w == total) {
            throw new IllegalArgumentException("leaving every update out leaves no mean");
        }
        final double[] acc;
        if (2 * w > total) {
            // Most of the sum is what is left out: subtracting it would cancel the rest's digits
            // away. At most one subset of a set weighs more than half of it, so this stays linear.
            acc = new double[sum.length];
            for (int i = 0, k = 0; i < vectors.length; i++) {
                if (k < g.length && g[k] == i) {
                    k++;
                } else {
                    addTerm(acc, i, 1.0);
                }
            }
        } else {
            acc = sum.clone();
            for (int i : g) {
                addTerm(acc, i, -1.0);
            }
        }
        final double rest = (double) (total - w);
        final float[] out = new float[acc.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (acc[j] / rest);
        }
        return out;
    }

    /**
     * As {@link #without} over vectors read by ranges (weight files on disk), {@code chunk}
     * coordinates at a time: the same bits (every coordinate is computed on its own), the set's sum
     * made again for each call, holding only the result whole.
     */
    public static float[] without(final List<ParameterSource> sources, final long[] weights, final int[] leftOut, final int chunk)
            throws IOException {
        if (sources.isEmpty() || chunk <= 0) {
            throw new IllegalArgumentException("need at least one vector and a positive chunk");
        }
        final long dim = sources.get(0).parameterCount();
        final float[] out = new float[Math.toIntExact(dim)];
        final float[][] parts = new float[sources.size()][];
        for (long from = 0; from < dim; from += chunk) {
            final int len = (int) Math.min(chunk, dim - from);
            for (int i = 0; i < parts.length; i++) {
                if (sources.get(i).parameterCount() != dim) {
                    throw new IllegalArgumentException("vector " + i + " has " + sources.get(i).parameterCount() + " parameters, expected " + dim);
                }
                if (parts[i] == null || parts[i].length != len) {
                    parts[i] = new float[len];
                }
                sources.get(i).read(from, parts[i], 0, len);
            }
            System.arraycopy(new LeaveOneOutMeans(parts, weights).without(leftOut), 0, out, (int) from, len);
        }
        return out;
    }

    /** acc += sign * w_i * x_i, coordinate by coordinate (the sign is exact: 1 or -1). */
    private void addTerm(final double[] acc, final int i, final double sign) {
        final double w = sign * weights[i];
        final float[] x = vectors[i];
        for (int j = 0; j < acc.length; j++) {
            acc[j] += w * x[j];
        }
    }

    /** How many updates the set has. */
    public int size() {
        return vectors.length;
    }
}

package dln.core.protocol;

import dln.core.weights.ParameterSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * How updates moved from where they started, measured in parameter space, in double precision, so
 * every committee member computes the same numbers. The measures are sums over the coordinates
 * in index order; {@link Steps} makes them for a whole set of vectors in one pass, read by ranges,
 * so a set of updates too large for the heap is measured from its files with the same bits as the
 * same set measured whole.
 */
public final class UpdateGeometry {

    /** Coordinates read per vector at a time: 4 MB of floats. */
    static final int CHUNK = 1 << 20;

    private UpdateGeometry() {}

    /** ||w - start|| / ||start||: how far an update moved, relative to the size of the model. */
    public static double relativeDistance(final float[] w, final float[] start) {
        requireSameLength(w, start);
        return Steps.of(List.of(w), start).relativeDistance(0);
    }

    /**
     * The cosine between an update's step {@code w - start} and the federation's previous step
     * {@code start - previous}; NaN when either step is (numerically) zero, which says nothing.
     * Honest steps measured here point the same way as the last round's (0.13-0.50, IID and
     * Dirichlet 0.5); a sign-flipped step points back (-0.40 to -0.48) and added noise is
     * orthogonal (|cos| below 0.01).
     */
    public static double trendCosine(final float[] w, final float[] start, final float[] previous) {
        requireSameLength(start, previous);
        requireSameLength(w, start);
        return Steps.of(List.of(w, previous), start).trendCosine(0, 1);
    }

    /** ||a - b||: how far apart two models are (an aggregate with and without an update). */
    public static double distance(final float[] a, final float[] b) {
        requireSameLength(a, b);
        return Math.sqrt(Steps.of(List.of(a), b).dot(0, 0));
    }

    /**
     * The cosine between two updates' steps from their common start; NaN when either step is
     * (numerically) zero. Honest updates on different data stay far from 1; copies of one update
     * with a little jitter (Sybils, colluders sending one crafted vector) are within 10^-3 of it.
     */
    public static double stepCosine(final float[] a, final float[] b, final float[] start) {
        requireSameLength(b, start);
        requireSameLength(a, start);
        return Steps.of(List.of(a, b), start).cosine(0, 1);
    }

    private static void requireSameLength(final float[] a, final float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " parameters cannot be compared");
        }
    }

    /**
     * The steps {@code v_i - start} of n vectors from one start, measured together: every pairwise
     * dot product (the squared norms among them) and the start's squared norm, each a sum in
     * double over the coordinates in index order. Memory is the n(n+1)/2 sums and one chunk per
     * vector; the vectors are read once, in chunks, from memory or from weight files alike, and
     * the sums are the same bits whatever the chunking.
     */
    public static final class Steps {
        private final int n;
        private final double[] dots;
        private double start2;

        private Steps(final int n) {
            this.n = n;
            this.dots = new double[n * (n + 1) / 2];
        }

        /** The steps of {@code vectors} from {@code start}, arrays in memory. */
        public static Steps of(final List<float[]> vectors, final float[] start) {
            try {
                return measure(vectors.stream().map(ParameterSource::of).toList(), ParameterSource.of(start));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // arrays do no I/O
            }
        }

        /**
         * The steps of {@code vectors} from {@code start}, read by ranges (weight files on disk).
         *
         * @throws IllegalArgumentException when the lengths differ
         */
        public static Steps measure(final List<ParameterSource> vectors, final ParameterSource start) throws IOException {
            return measure(vectors, start, CHUNK);
        }

        /** As {@link #measure(List, ParameterSource)}, {@code chunk} coordinates at a time. */
        static Steps measure(final List<ParameterSource> vectors, final ParameterSource start, final int chunk) throws IOException {
            final long dim = start.parameterCount();
            for (ParameterSource v : vectors) {
                if (v.parameterCount() != dim) {
                    throw new IllegalArgumentException("vectors of " + v.parameterCount() + " and " + dim + " parameters cannot be compared");
                }
            }
            final Steps s = new Steps(vectors.size());
            final int size = (int) Math.max(1, Math.min(chunk, dim));
            final float[][] chunks = new float[vectors.size()][size];
            final float[] base = new float[size];
            for (long from = 0; from < dim; from += size) {
                final int len = (int) Math.min(size, dim - from);
                start.read(from, base, 0, len);
                for (int i = 0; i < chunks.length; i++) {
                    vectors.get(i).read(from, chunks[i], 0, len);
                }
                s.add(chunks, base, len);
            }
            return s;
        }

        private void add(final float[][] v, final float[] start, final int len) {
            // One and two vectors (an update's step norm, its alignment with the others' step)
            // are most of a committee member's passes, several per update (a fifth of a 16-provider
            // session's Java samples, 2026-12-05): their loops keep the sums in locals. Each sum is
            // made of the same operations in the same order as in the general loop: the same bits.
            if (n == 1) {
                addOne(v[0], start, len);
                return;
            }
            if (n == 2) {
                addTwo(v[0], v[1], start, len);
                return;
            }
            final double[] x = new double[n];
            final double[] sums = dots;
            double s2 = start2;
            for (int k = 0; k < len; k++) {
                final double s = start[k];
                s2 += s * s;
                for (int i = 0; i < n; i++) {
                    x[i] = (double) v[i][k] - s;
                }
                int p = 0;
                for (int i = 0; i < n; i++) {
                    final double xi = x[i];
                    for (int j = 0; j <= i; j++) {
                        sums[p++] += xi * x[j];
                    }
                }
            }
            start2 = s2;
        }

        private void addOne(final float[] a, final float[] start, final int len) {
            double s2 = start2;
            double aa = dots[0];
            for (int k = 0; k < len; k++) {
                final double s = start[k];
                s2 += s * s;
                final double x = (double) a[k] - s;
                aa += x * x;
            }
            start2 = s2;
            dots[0] = aa;
        }

        private void addTwo(final float[] a, final float[] b, final float[] start, final int len) {
            double s2 = start2;
            double aa = dots[0];
            double ba = dots[1];
            double bb = dots[2];
            for (int k = 0; k < len; k++) {
                final double s = start[k];
                s2 += s * s;
                final double x = (double) a[k] - s;
                final double y = (double) b[k] - s;
                aa += x * x;
                ba += y * x;
                bb += y * y;
            }
            start2 = s2;
            dots[0] = aa;
            dots[1] = ba;
            dots[2] = bb;
        }

        /** How many vectors were measured. */
        public int size() {
            return n;
        }

        /** (v_i - start) . (v_j - start). */
        public double dot(final int i, final int j) {
            return i >= j ? dots[i * (i + 1) / 2 + j] : dots[j * (j + 1) / 2 + i];
        }

        /** ||v_i - start|| / ||start||. */
        public double relativeDistance(final int i) {
            return Math.sqrt(dot(i, i)) / Math.max(1e-12, Math.sqrt(start2));
        }

        /** cos(v_i - start, v_j - start); NaN when either step is below 10^-12 of the start's squared norm. */
        public double cosine(final int i, final int j) {
            final double tiny = 1e-12 * Math.max(1e-12, start2);
            final double x2 = dot(i, i);
            final double y2 = dot(j, j);
            if (x2 <= tiny || y2 <= tiny) {
                return Double.NaN;
            }
            return dot(i, j) / Math.sqrt(x2 * y2);
        }

        /**
         * cos(v_i - start, start - v_j): the step of v_i against the step that led from v_j to the
         * start (the federation's previous step when v_j is the previous round's start).
         */
        public double trendCosine(final int i, final int j) {
            return -cosine(i, j);
        }
    }
}

package dln.core.aggregation;

/**
 * Multi-Krum's pairwise squared distances, accumulated over consecutive ranges of coordinates so
 * that vectors larger than memory can be measured chunk by chunk with the bits of the whole-vector
 * computation. Each pair keeps {@link VectorMath#LANES} float accumulators, lane j summing
 * {@code (x - y)^2} (float arithmetic) over coordinates j, j + LANES, ... below
 * {@code full = dimension - dimension % LANES}, in order; the last {@code dimension % LANES}
 * coordinates go to a {@link DistanceLanes} in double. A pair's distance is the float lanes added
 * in order in double, plus the tail. The element-wise inner loop vectorises (8 floats per AVX2
 * instruction); float lanes lose a little precision, which only affects ranking, and the fixed
 * order keeps it bit-reproducible.
 */
final class KrumDistances {
    private static final int LANES = VectorMath.LANES;
    private final int n;
    private final long full;
    private final long dimension;
    private final float[][][] lanes;
    private final DistanceLanes[][] tails;
    private long next;

    KrumDistances(int n, long dimension) {
        this.n = n;
        this.dimension = dimension;
        this.full = dimension - dimension % LANES;
        this.lanes = new float[n][n][];
        this.tails = new DistanceLanes[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                lanes[a][b] = new float[LANES];
                tails[a][b] = new DistanceLanes();
            }
        }
    }

    /**
     * Adds the next {@code len} coordinates, {@code vs[i][0 .. len)} of each vector in canonical
     * order. Every range but the last must be a whole number of lanes long.
     */
    void add(float[][] vs, int len) {
        if (next % LANES != 0) {
            throw new IllegalStateException("only the last range may end inside a block of " + LANES + " coordinates");
        }
        if (next + len > dimension) {
            throw new IllegalArgumentException("more than the " + dimension + " coordinates announced");
        }
        int lanesEnd = (int) Math.max(0, Math.min(len, full - next));
        for (int start = 0; start < lanesEnd; start += LANES) {
            for (int a = 0; a < n; a++) {
                float[] x = vs[a];
                for (int b = a + 1; b < n; b++) {
                    float[] y = vs[b];
                    float[] acc = lanes[a][b];
                    for (int j = 0; j < LANES; j++) {
                        float d = x[start + j] - y[start + j];
                        acc[j] += d * d;
                    }
                }
            }
        }
        if (lanesEnd < len) {
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    tails[a][b].add(vs[a], vs[b], lanesEnd, len);
                }
            }
        }
        next += len;
    }

    /** The symmetric matrix of squared distances; every coordinate must have been added. */
    double[][] distances() {
        if (next != dimension) {
            throw new IllegalStateException(next + " of " + dimension + " coordinates added");
        }
        double[][] dist = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = 0;
                for (float v : lanes[a][b]) {
                    s += v;
                }
                s += tails[a][b].sum();
                dist[a][b] = s;
                dist[b][a] = s;
            }
        }
        return dist;
    }
}

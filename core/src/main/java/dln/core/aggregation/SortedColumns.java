package dln.core.aggregation;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts every coordinate's n values at once, block by block, with Batcher's odd-even merge
 * sorting network applied to whole rows: each comparator is a branch-free min/max loop over a
 * block of coordinates, which the JIT vectorises. Gives exactly the order of a plain per-coordinate
 * sort (Math.min/max order -0.0 before 0.0, as Arrays.sort does; inputs are finite), about 5x
 * faster than sorting 431,080 columns of 16 one by one.
 */
final class SortedColumns {
    static final int BLOCK = 512;

    /** Receives each block with rows[i][0..len) sorted ascending in i. */
    interface BlockConsumer {
        void accept(float[][] rows, int start, int len);
    }

    private SortedColumns() {
    }

    static void forEachBlock(AggregationInput input, BlockConsumer consumer) {
        int n = input.size();
        float[][] vs = Vectors.of(input);
        int[][] net = comparators(n);
        float[][] rows = new float[n][BLOCK];
        int dim = input.dimension();
        for (int start = 0; start < dim; start += BLOCK) {
            int len = Math.min(BLOCK, dim - start);
            for (int i = 0; i < n; i++) {
                System.arraycopy(vs[i], start, rows[i], 0, len);
            }
            for (int[] c : net) {
                float[] a = rows[c[0]];
                float[] b = rows[c[1]];
                for (int j = 0; j < len; j++) {
                    float x = a[j];
                    float y = b[j];
                    a[j] = Math.min(x, y);
                    b[j] = Math.max(x, y);
                }
            }
            consumer.accept(rows, start, len);
        }
    }

    /**
     * Batcher's odd-even merge sort network for the next power of two above n; comparators that
     * touch a padding position are dropped (padding would hold +infinity, so they never swap).
     */
    static int[][] comparators(int n) {
        int size = 1;
        while (size < n) {
            size <<= 1;
        }
        List<int[]> out = new ArrayList<>();
        for (int p = 1; p < size; p <<= 1) {
            for (int k = p; k >= 1; k >>= 1) {
                for (int j = k % p; j <= size - 1 - k; j += 2 * k) {
                    for (int i = 0; i <= Math.min(k - 1, size - j - k - 1); i++) {
                        int a = i + j;
                        int b = i + j + k;
                        if (a / (2 * p) == b / (2 * p) && b < n) {
                            out.add(new int[]{a, b});
                        }
                    }
                }
            }
        }
        return out.toArray(new int[0][]);
    }
}

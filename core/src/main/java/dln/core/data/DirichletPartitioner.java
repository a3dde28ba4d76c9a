package dln.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Label skew: for each class, provider shares are drawn from Dirichlet(alpha, ..., alpha) and the
 * class's (shuffled) examples are cut at the cumulative shares. Small alpha gives each provider
 * few classes; large alpha approaches IID. The whole draw is repeated (same generator) until every
 * provider has at least {@code minPerPart} examples, as in the usual benchmark code.
 *
 * @param alpha      concentration, &gt; 0
 * @param minPerPart smallest acceptable part
 */
public record DirichletPartitioner(double alpha, int minPerPart) implements Partitioner {
    private static final int MAX_DRAWS = 1000;

    public DirichletPartitioner {
        Gamma.requirePartitionParameters("dirichlet alpha", alpha, minPerPart);
    }

    /** With at least 10 examples per part (fewer if the data cannot afford it). */
    public DirichletPartitioner(double alpha) {
        this(alpha, 10);
    }

    @Override
    public List<int[]> partition(int[] labels, int numClasses, int parts, long seed) {
        Random rnd = new Random(seed);
        int min = Math.min(minPerPart, labels.length / parts);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            List<int[]> result = drawOnce(labels, numClasses, parts, rnd);
            if (result.stream().allMatch(p -> p.length >= min)) {
                return result;
            }
        }
        // The caller's alpha and provider count cannot be met by this data: their choice, not a fault.
        throw new IllegalArgumentException("no Dirichlet(" + alpha + ") draw gave every one of " + parts
                + " parts at least " + min + " examples in " + MAX_DRAWS + " tries; use a larger alpha or fewer providers");
    }

    private List<int[]> drawOnce(int[] labels, int numClasses, int parts, Random rnd) {
        IntBuffer[] acc = new IntBuffer[parts];
        for (int k = 0; k < parts; k++) {
            acc[k] = new IntBuffer();
        }
        for (int c = 0; c < numClasses; c++) {
            int[] members = ofClass(labels, c);
            Shuffle.shuffleInPlace(members, rnd);
            double[] share = Gamma.dirichlet(alpha, parts, rnd);
            double cum = 0;
            int start = 0;
            for (int k = 0; k < parts; k++) {
                cum += share[k];
                int end = k == parts - 1 ? members.length : (int) Math.min(members.length, Math.floor(cum * members.length));
                for (int i = start; i < end; i++) {
                    acc[k].add(members[i]);
                }
                start = Math.max(start, end);
            }
        }
        List<int[]> out = new ArrayList<>(parts);
        for (IntBuffer b : acc) {
            out.add(b.toArray());
        }
        return out;
    }

    private static int[] ofClass(int[] labels, int c) {
        int n = 0;
        for (int l : labels) {
            if (l == c) {
                n++;
            }
        }
        int[] m = new int[n];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                m[k++] = i;
            }
        }
        return m;
    }

    @Override
    public String describe() {
        return "dirichlet(alpha=" + alpha + ")";
    }

    private static final class IntBuffer {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}

package dln.core.data;

import java.util.ArrayList;
import java.util.List;

/** IID: a seeded shuffle dealt round-robin, so part sizes differ by at most one. */
public record IidPartitioner() implements Partitioner {
    @Override
    public List<int[]> partition(int[] labels, int numClasses, int parts, long seed) {
        int n = labels.length;
        int[] p = Shuffle.permutation(n, seed);
        List<int[]> out = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            int[] idx = new int[(n - k + parts - 1) / parts];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = p[k + i * parts];
            }
            out.add(idx);
        }
        return out;
    }

    @Override
    public String describe() {
        return "iid";
    }
}

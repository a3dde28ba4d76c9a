package dln.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shards (McMahan et al., 2017): examples sorted by label (ties in seeded-shuffle order) are cut
 * into {@code parts * shardsPerPart} equal shards, which are dealt out in a seeded random order,
 * {@code shardsPerPart} to each provider. With 2 shards each provider sees about two classes.
 *
 * @param shardsPerPart shards per provider, &ge; 1
 */
public record ShardPartitioner(int shardsPerPart) implements Partitioner {
    public ShardPartitioner {
        if (shardsPerPart < 1) {
            throw new IllegalArgumentException("shards per provider must be >= 1, got " + shardsPerPart);
        }
    }

    @Override
    public List<int[]> partition(int[] labels, int numClasses, int parts, long seed) {
        int n = labels.length;
        int shards = parts * shardsPerPart;
        if (shards > n) {
            throw new IllegalArgumentException(shards + " shards exceed " + n + " examples");
        }
        int[] perm = Shuffle.permutation(n, seed);
        Integer[] byLabel = new Integer[n];
        for (int i = 0; i < n; i++) {
            byLabel[i] = perm[i];
        }
        Arrays.sort(byLabel, (a, b) -> Integer.compare(labels[a], labels[b]));
        int[] shardOrder = Shuffle.permutation(shards, seed ^ 0x5DEECE66DL);
        List<int[]> out = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            int size = 0;
            for (int s = 0; s < shardsPerPart; s++) {
                int sh = shardOrder[k * shardsPerPart + s];
                size += bound(sh + 1, n, shards) - bound(sh, n, shards);
            }
            int[] idx = new int[size];
            int w = 0;
            for (int s = 0; s < shardsPerPart; s++) {
                int sh = shardOrder[k * shardsPerPart + s];
                for (int i = bound(sh, n, shards); i < bound(sh + 1, n, shards); i++) {
                    idx[w++] = byLabel[i];
                }
            }
            out.add(idx);
        }
        return out;
    }

    private static int bound(int shard, int n, int shards) {
        return (int) ((long) shard * n / shards);
    }

    @Override
    public String describe() {
        return "shards(perProvider=" + shardsPerPart + ")";
    }
}

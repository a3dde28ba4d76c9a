package dln.core.secagg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Who masks with whom: the complete graph of Bonawitz et al. (2017), or the sparse graph of
 * SecAgg+ (Bell et al. 2020), where each provider shares its secrets with and masks against only
 * its k neighbours, k = O(log n). The sparse graph is the Harary graph H(k, n) (the k-connected
 * graph with fewest edges: the ring with each node joined to its k/2 nearest on each side) over
 * the key set in an order everyone derives from public data, the round's context (model and round):
 * so no provider picks its neighbours, and the graph differs from round to round.
 *
 * @param n the key set's size
 * @param k each provider's degree (even, or n - 1 for the complete graph)
 * @param position each provider's place on the ring, by key-set index
 */
public record MaskGraph(int n, int k, int[] position) {

    /** Every pair: the protocol dln ran before SecAgg+. */
    public static MaskGraph complete(final int n) {
        final int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return new MaskGraph(n, n - 1, identity);
    }

    /**
     * The SecAgg+ degree for n providers: the even number nearest above 2·log2(n), at most n - 1.
     * Bell et al. take k = O(log n); the constant trades the chance that a coalition or a run of
     * dropouts isolates a provider's neighbourhood against cost.
     */
    public static int degree(final int n) {
        final int k = 2 * (int) Math.ceil(Math.log(n) / Math.log(2));
        return Math.min(n - 1, k + (k % 2));
    }

    /** H(k, n) over the key set, in the order seeded by {@code context}; the complete graph when k >= n - 1. */
    public static MaskGraph harary(final int n, final int k, final String context) {
        if (n < 2 || k < 2) {
            throw new IllegalArgumentException("a mask graph needs at least 2 providers and degree 2, got n " + n + ", k " + k);
        }
        if (k >= n - 1) {
            return complete(n);
        }
        if (k % 2 != 0) {
            throw new IllegalArgumentException("a Harary graph of fewer than n - 1 neighbours takes an even degree, got " + k);
        }
        final int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final SplittableRandom rng = new SplittableRandom(seed(context));
        for (int i = n - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        final int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        return new MaskGraph(n, k, position);
    }

    /** Whether u and v (distinct key-set indices) mask against each other and hold each other's shares. */
    public boolean adjacent(final int u, final int v) {
        if (u == v) {
            return false;
        }
        if (k >= n - 1) {
            return true;
        }
        final int d = Math.floorMod(position[u] - position[v], n);
        return Math.min(d, n - d) <= k / 2;
    }

    /** u's neighbours, by key-set index, ascending. */
    public TreeSet<Integer> neighbours(final int u) {
        final TreeSet<Integer> out = new TreeSet<>();
        for (int v = 0; v < n; v++) {
            if (adjacent(u, v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static long seed(final String context) {
        try {
            final byte[] h = MessageDigest.getInstance("SHA-256").digest(("dln-secagg-graph|" + context).getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = s << 8 | (h[i] & 0xff);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

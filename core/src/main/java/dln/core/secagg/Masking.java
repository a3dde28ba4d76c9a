package dln.core.secagg;

import java.math.BigInteger;
import java.util.Map;
import java.util.SortedMap;

/**
 * The double masking of Bonawitz et al. (2017), §4: provider u sends
 * y_u = x_u + PRG(b_u) + Σ_{v ≠ u} ±PRG(s_uv), with + when u's index is below v's and − above, over
 * every provider v that shared its secrets (so that v can be recovered if it drops). Pairwise masks
 * of two providers that both send cancel in the sum; whoever recovers the sum removes the self
 * masks of the senders (rebuilt from shares of b_u) and the pairwise masks with the providers that
 * dropped (rebuilt from shares of their mask keys). A provider is never asked for both of its
 * secrets, so no single y_u is ever unmasked. Pure functions of their arguments.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * y_u for provider {@code own} (its index in the round's key set) over {@code peers}: every
     * provider that shared, by index, with its public mask key (u itself may be among them).
     */
    public static long[] mask(final long[] x, final MaskKeys keys, final int own, final SortedMap<Integer, String> peers,
                              final String context) {
        long[] y = FixedPoint.add(x, MaskStream.expand(keys.selfSeed(), x.length));
        for (final Map.Entry<Integer, String> peer : peers.entrySet()) {
            final int v = peer.getKey();
            if (v == own) {
                continue;
            }
            final long[] p = MaskStream.expand(keys.pairSeed(peer.getValue(), context), x.length);
            y = own < v ? FixedPoint.add(y, p) : FixedPoint.subtract(y, p);
        }
        return y;
    }

    /**
     * The sum of the survivors' x_u.
     *
     * @param masked     y_u of every survivor, by index
     * @param selfSeeds  b_u of every survivor, rebuilt from shares
     * @param dropped    the mask key of every provider that shared but sent nothing, rebuilt from shares
     * @param publicKeys the public mask key of every provider that shared, by index
     */
    public static long[] unmask(final SortedMap<Integer, long[]> masked, final Map<Integer, byte[]> selfSeeds,
                                final SortedMap<Integer, BigInteger> dropped, final Map<Integer, String> publicKeys, final String context) {
        return unmask(masked, selfSeeds, dropped, publicKeys, context, null);
    }

    /**
     * The sum of the survivors' x_u when each masked only against its neighbours in {@code graph}
     * (SecAgg+; null: every pair): a dropped provider's pairwise masks are removed only for its
     * surviving neighbours.
     */
    public static long[] unmask(final SortedMap<Integer, long[]> masked, final Map<Integer, byte[]> selfSeeds,
                                final SortedMap<Integer, BigInteger> dropped, final Map<Integer, String> publicKeys, final String context,
                                final MaskGraph graph) {
        if (masked.isEmpty()) {
            throw new IllegalArgumentException("nothing to unmask");
        }
        final int length = masked.get(masked.firstKey()).length;
        long[] sum = new long[length];
        for (final Map.Entry<Integer, long[]> e : masked.entrySet()) {
            final int u = e.getKey();
            final byte[] b = selfSeeds.get(u);
            if (b == null) {
                throw new IllegalArgumentException("no self seed rebuilt for survivor " + u);
            }
            sum = FixedPoint.add(sum, FixedPoint.subtract(e.getValue(), MaskStream.expand(b, length)));
            for (final Map.Entry<Integer, BigInteger> d : dropped.entrySet()) {
                final int v = d.getKey();
                if (graph != null && !graph.adjacent(u, v)) {
                    continue;
                }
                // The mask u added for v, computed from v's side of the pair.
                final long[] p = MaskStream.expand(MaskKeys.pairSeed(d.getValue(), publicKeys.get(u), context), length);
                sum = u < v ? FixedPoint.subtract(sum, p) : FixedPoint.add(sum, p);
            }
        }
        return sum;
    }
}

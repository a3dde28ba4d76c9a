package dln.core.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** SecAgg+'s sparse graph: a seeded Harary graph (k-regular, symmetric, connected), and masking over it still sums exactly with dropouts. */
class MaskGraphTest {
    private static final String CONTEXT = MaskKeys.context("m-0123456789abcdef0123456789abcdef", 3);

    @Test
    void theHararyGraphIsRegularSymmetricConnectedAndSeededByTheRound() {
        for (final int n : new int[] {5, 16, 33, 64}) {
            final int k = MaskGraph.degree(n);
            final MaskGraph g = MaskGraph.harary(n, k, CONTEXT);
            for (int u = 0; u < n; u++) {
                assertEquals(k, g.neighbours(u).size(), "degree of " + u + " in n " + n);
                for (int v = 0; v < n; v++) {
                    assertEquals(g.adjacent(u, v), g.adjacent(v, u));
                }
            }
            // Connected: a breadth-first search from 0 reaches every provider.
            final boolean[] seen = new boolean[n];
            final ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
            seen[0] = true;
            int reached = 1;
            while (!queue.isEmpty()) {
                for (final int v : g.neighbours(queue.poll())) {
                    if (!seen[v]) {
                        seen[v] = true;
                        reached++;
                        queue.add(v);
                    }
                }
            }
            assertEquals(n, reached);
        }
        assertEquals(8, MaskGraph.degree(16));
        assertEquals(10, MaskGraph.degree(32));
        assertEquals(12, MaskGraph.degree(64));
        assertEquals(3, MaskGraph.degree(4), "small rounds are complete");
        final MaskGraph a = MaskGraph.harary(32, 10, CONTEXT);
        assertArrayEquals(a.position(), MaskGraph.harary(32, 10, CONTEXT).position(), "everyone derives the same graph");
        assertFalse(Arrays.equals(a.position(), MaskGraph.harary(32, 10, MaskKeys.context("m-0123456789abcdef0123456789abcdef", 4)).position()),
                "another round, another graph");
    }

    @Test
    void maskingWithNeighboursOnlySumsExactlyWithDropouts() throws Exception {
        final int n = 12;
        final int length = 5_000;
        final MaskGraph g = MaskGraph.harary(n, 4, CONTEXT);
        final SecureRandom random = new SecureRandom(new byte[] {3});
        final KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        final List<MaskKeys> keys = new ArrayList<>();
        final SortedMap<Integer, String> publicKeys = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            keys.add(MaskKeys.derive(gen.generateKeyPair().getPrivate(), CONTEXT));
            publicKeys.put(i, keys.get(i).publicKeyHex());
        }
        final Random values = new Random(9);
        final List<Integer> dropped = List.of(2, 7, 11);
        final SortedMap<Integer, long[]> ys = new TreeMap<>();
        final Map<Integer, byte[]> self = new HashMap<>();
        long[] plain = new long[length];
        for (int u = 0; u < n; u++) {
            final float[] x = new float[length];
            for (int j = 0; j < length; j++) {
                x[j] = (float) (values.nextGaussian() * 0.05);
            }
            if (dropped.contains(u)) {
                continue;
            }
            final SortedMap<Integer, String> peers = new TreeMap<>();
            for (final int v : g.neighbours(u)) {
                peers.put(v, publicKeys.get(v));
            }
            ys.put(u, Masking.mask(FixedPoint.quantise(x), keys.get(u), u, peers, CONTEXT));
            self.put(u, keys.get(u).selfSeed());
            plain = FixedPoint.add(plain, FixedPoint.quantise(x));
        }
        final SortedMap<Integer, BigInteger> lost = new TreeMap<>();
        for (final int v : dropped) {
            lost.put(v, MaskKeys.scalar(keys.get(v).maskSecret()));
        }
        assertArrayEquals(plain, Masking.unmask(ys, self, lost, publicKeys, CONTEXT, g));
        // Unmasking as if every pair had masked leaves garbage: the graph is part of the protocol.
        assertFalse(Arrays.equals(plain, Masking.unmask(ys, self, lost, publicKeys, CONTEXT, null)));
        assertTrue(g.neighbours(0).size() < n - 1);
    }
}

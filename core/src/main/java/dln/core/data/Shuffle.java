package dln.core.data;

import java.util.Random;

/**
 * Seeded permutations. Uses {@link java.util.Random}, whose generator the Java specification
 * fixes, so a seed yields the same permutation on every JVM (and can be re-implemented elsewhere).
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** A permutation of 0..n-1 by Fisher-Yates: for i = n-1 down to 1, swap i with nextInt(i + 1). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffleInPlace(p, new Random(seed));
        return p;
    }

    static void shuffleInPlace(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

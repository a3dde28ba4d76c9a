package dln.core.aggregation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The "random" shuffle of bucketing, derived from the updates' ids alone so every participant
 * draws the same one: a Fisher-Yates shuffle driven by SHA-256 in counter mode.
 *
 * <p>seed = SHA-256 over the ids in canonical order, each as its UTF-8 length (4 bytes, big
 * endian) then its UTF-8 bytes, so no two id lists share a seed by concatenation. Word k of the
 * stream is bytes 8(k mod 4)..+8 (big endian) of SHA-256(seed || floor(k/4) as 8 bytes big
 * endian). For i = n-1 down to 1, j is drawn uniformly from 0..i (rejection sampling on the top
 * 63 bits of a word, as {@code java.util.Random.nextLong(bound)} does it) and positions i and j
 * swap, starting from the identity.
 */
final class BucketPermutation {
    private BucketPermutation() {
    }

    /** Canonical indices 0..n-1 in shuffled order, for ids already in canonical order. */
    static int[] of(List<String> sortedIds) {
        int n = sortedIds.size();
        int[] perm = VectorMath.all(n);
        Stream stream = new Stream(seed(sortedIds));
        for (int i = n - 1; i > 0; i--) {
            int j = (int) stream.below(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    static byte[] seed(List<String> ids) {
        MessageDigest sha = sha256();
        for (String id : ids) {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** 64-bit words from SHA-256(seed || counter). */
    private static final class Stream {
        private final byte[] seed;
        private long counter;
        private ByteBuffer block = ByteBuffer.allocate(0);

        Stream(byte[] seed) {
            this.seed = seed;
        }

        long next() {
            if (!block.hasRemaining()) {
                MessageDigest sha = sha256();
                sha.update(seed);
                sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
                block = ByteBuffer.wrap(sha.digest());
            }
            return block.getLong();
        }

        /** Uniform in [0, bound): rejects the top partial range so no value is favoured. */
        long below(long bound) {
            long u = next() >>> 1;
            long r = u % bound;
            while (u - r + (bound - 1) < 0) {
                u = next() >>> 1;
                r = u % bound;
            }
            return r;
        }
    }
}

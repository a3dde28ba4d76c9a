package dln.ipfs.testing;

import java.io.InputStream;

/**
 * A reproducible pseudo-random byte stream (SplitMix64, little-endian per 64-bit word). The
 * CID vectors in the tests were produced by writing these same bytes to files and running the
 * real {@code ipfs} binary on them; the generator must therefore never change.
 */
public final class SeededBytes extends InputStream {
    private long state;
    private long remaining;
    private long word;
    private int wordLeft;

    /**
     * @param seed   generator seed
     * @param length number of bytes the stream yields
     */
    public SeededBytes(long seed, long length) {
        this.state = seed;
        this.remaining = length;
    }

    /** @return the first {@code length} bytes of the stream for {@code seed} */
    public static byte[] bytes(long seed, int length) {
        byte[] out = new byte[length];
        new SeededBytes(seed, length).read(out, 0, length);
        return out;
    }

    private long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining == 0) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            if (wordLeft == 0) {
                word = next();
                wordLeft = 8;
            }
            b[off + i] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
        remaining -= n;
        return n;
    }
}

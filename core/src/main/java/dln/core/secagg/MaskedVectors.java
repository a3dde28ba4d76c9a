package dln.core.secagg;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The byte form of a masked update on IPFS: ASCII {@code DLNS}, a version byte, the coordinate
 * count (4 bytes) and the ring elements, big-endian. Uniform bytes after the header: without the
 * masks they carry no information.
 */
public final class MaskedVectors {
    private static final byte[] MAGIC = {'D', 'L', 'N', 'S'};
    private static final int VERSION = 1;
    public static final int HEADER = 4 + 1 + 4;

    private MaskedVectors() {
    }

    public static byte[] encode(final long[] y) {
        final ByteBuffer b = ByteBuffer.allocate(HEADER + y.length * Long.BYTES).put(MAGIC).put((byte) VERSION).putInt(y.length);
        for (final long v : y) {
            b.putLong(v);
        }
        return b.array();
    }

    public static long[] decode(final byte[] bytes, final long expectedLength) {
        final ByteBuffer b = ByteBuffer.wrap(bytes);
        final byte[] magic = new byte[MAGIC.length];
        if (bytes.length < HEADER || !Arrays.equals(readInto(b, magic), MAGIC) || b.get() != VERSION) {
            throw new IllegalArgumentException("not a dln masked update (DLNS v1)");
        }
        final int n = b.getInt();
        if (n != expectedLength || bytes.length != HEADER + (long) n * Long.BYTES) {
            throw new IllegalArgumentException("a masked update of " + n + " coordinates in " + bytes.length + " bytes; the model has "
                    + expectedLength);
        }
        final long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = b.getLong();
        }
        return y;
    }

    private static byte[] readInto(final ByteBuffer b, final byte[] into) {
        b.get(into);
        return into;
    }
}

package dln.ipfs.cid;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints, as used by multiformats and protobuf. */
final class Varint {
    private Varint() {
    }

    static void write(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static int size(long value) {
        int n = 1;
        long v = value;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** A decoded value and the offset just after it. */
    record Decoded(long value, int next) {
    }

    /**
     * Reads one varint; multiformats forbid more than 9 bytes and non-minimal encodings.
     */
    static Decoded read(byte[] in, int offset, String what) {
        long value = 0;
        int shift = 0;
        for (int i = offset; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (i - offset >= 9) {
                throw new InvalidCidException(what + ": varint longer than 9 bytes");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && i > offset) {
                    throw new InvalidCidException(what + ": varint is not minimally encoded");
                }
                return new Decoded(value, i + 1);
            }
            shift += 7;
        }
        throw new InvalidCidException(what + ": truncated varint");
    }
}

package dln.core.weights;

import java.util.HexFormat;

/**
 * The 48-byte header of a weight file (see docs/formats.md): magic {@code DLNW}, format version,
 * dtype, architecture hash and parameter count.
 *
 * @param formatVersion    {@link #FORMAT_VERSION}
 * @param dtype            {@link #DTYPE_FLOAT32}
 * @param architectureHash the SHA-256 of the canonical architecture spec, 64 lower-case hex digits
 * @param parameterCount   the number of float32 values that follow
 */
public record WeightFileHeader(int formatVersion, int dtype, String architectureHash, long parameterCount) {
    /** The four ASCII bytes every weight file starts with (package-private: arrays are mutable). */
    static final byte[] MAGIC = {'D', 'L', 'N', 'W'};
    /** The only format version written and read. */
    public static final int FORMAT_VERSION = 1;
    /** dtype code of little-endian IEEE-754 float32. */
    public static final int DTYPE_FLOAT32 = 1;
    /** Header length in bytes. */
    public static final int SIZE = 48;
    /**
     * The largest count a header may declare: the file's length in bytes must fit a {@code long}.
     * A file is read by ranges ({@link WeightFileSource}) whatever its size; reading it whole into
     * one array is bounded by {@link #MAX_ARRAY_PARAMETERS}.
     */
    public static final long MAX_PARAMETERS = (Long.MAX_VALUE - SIZE) / 4;
    /** Java arrays bound a vector read whole; a larger one is read by ranges. */
    public static final long MAX_ARRAY_PARAMETERS = Integer.MAX_VALUE - 8;

    public WeightFileHeader {
        if (architectureHash == null || !architectureHash.matches("[0-9a-f]{64}")) {
            throw new WeightFormatException("architecture hash must be 64 lower-case hex digits, got " + architectureHash);
        }
        if (parameterCount < 0 || parameterCount > MAX_PARAMETERS) {
            throw new WeightFormatException("parameter count out of range: " + parameterCount);
        }
    }

    /** A float32 header for the current format version. */
    public static WeightFileHeader float32(String architectureHash, long parameterCount) {
        return new WeightFileHeader(FORMAT_VERSION, DTYPE_FLOAT32, architectureHash, parameterCount);
    }

    /** The architecture hash as 32 raw bytes. */
    public byte[] architectureHashBytes() {
        return HexFormat.of().parseHex(architectureHash);
    }

    /** Total file length: header plus 4 bytes per parameter. */
    public long fileSize() {
        return byteOffset(parameterCount);
    }

    /**
     * Where parameter {@code index} starts in a weight file: {@code 48 + 4 * index}, in 64-bit
     * arithmetic (a 600M-parameter file already has offsets beyond 2^31).
     *
     * @param index a parameter index, 0..count (count gives the file's end)
     * @throws ArithmeticException if the offset does not fit a long
     */
    public static long byteOffset(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("parameter index must be >= 0, got " + index);
        }
        return Math.addExact(SIZE, Math.multiplyExact(4L, index));
    }
}

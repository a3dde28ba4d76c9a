package dln.core.weights;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Streams weight files: a {@link WeightFileHeader} followed by the flat float32 vector in
 * little-endian order. Both directions go through one 64 KiB buffer, so a 200 MB model is never
 * held twice in memory.
 */
public final class WeightFiles {
    private static final int CHUNK = 64 * 1024;

    private WeightFiles() {
    }

    /** Writes the header and the parameters to {@code out} (not closed). */
    public static void write(OutputStream out, String architectureHash, float[] params) throws IOException {
        requireFinite(params);
        WeightFileWriter writer = new WeightFileWriter(out, architectureHash, params.length);
        writer.write(params, 0, params.length);
        writer.finish();
    }

    // Checked before the header goes out, so a refused vector leaves nothing half-written.
    private static void requireFinite(float[] params) {
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new WeightFormatException("refusing to write a non-finite parameter " + params[i] + " at index " + i);
            }
        }
    }

    /** Encodes to a byte array (for small models and tests). */
    public static byte[] toBytes(String architectureHash, float[] params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE,
                WeightFileHeader.SIZE + 4L * params.length));
        try {
            write(out, architectureHash, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads and validates only the header. */
    public static WeightFileHeader readHeader(InputStream in) throws IOException {
        byte[] h = new byte[WeightFileHeader.SIZE];
        int got = in.readNBytes(h, 0, h.length);
        if (got < h.length) {
            throw new WeightFormatException("truncated weight file: header needs " + h.length
                    + " bytes, got " + got);
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, WeightFileHeader.MAGIC)) {
            throw new WeightFormatException("not a dln weight file: bad magic " + HexFormat.of().formatHex(magic));
        }
        int version = Short.toUnsignedInt(b.getShort());
        if (version != WeightFileHeader.FORMAT_VERSION) {
            throw new WeightFormatException("unsupported weight file format version " + version);
        }
        int dtype = Byte.toUnsignedInt(b.get());
        if (dtype != WeightFileHeader.DTYPE_FLOAT32) {
            throw new WeightFormatException("unsupported dtype code " + dtype + " (only 1 = float32)");
        }
        int reserved = Byte.toUnsignedInt(b.get());
        if (reserved != 0) {
            throw new WeightFormatException("reserved header byte must be 0, got " + reserved);
        }
        byte[] hash = new byte[32];
        b.get(hash);
        long count = b.getLong();
        return new WeightFileHeader(version, dtype, HexFormat.of().formatHex(hash), count);
    }

    /**
     * Reads a whole weight file and checks it against the expected architecture: hash and
     * parameter count must match, every value must be finite, and the stream must end exactly
     * after the last parameter.
     *
     * @throws WeightFormatException on any mismatch, truncation, trailing bytes, NaN or Inf
     */
    public static float[] read(InputStream in, String expectedArchitectureHash, long expectedParameterCount)
            throws IOException {
        WeightFileHeader header = readHeader(in);
        if (!header.architectureHash().equals(expectedArchitectureHash)) {
            throw new WeightFormatException("weight file is for architecture " + header.architectureHash()
                    + ", expected " + expectedArchitectureHash);
        }
        if (header.parameterCount() != expectedParameterCount) {
            throw new WeightFormatException("weight file declares " + header.parameterCount()
                    + " parameters, the architecture has " + expectedParameterCount);
        }
        return readBody(in, header);
    }

    /** Decodes a byte array; see {@link #read(InputStream, String, long)}. */
    public static float[] fromBytes(byte[] bytes, String expectedArchitectureHash, long expectedParameterCount) {
        try {
            return read(new ByteArrayInputStream(bytes), expectedArchitectureHash, expectedParameterCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] readBody(InputStream in, WeightFileHeader header) throws IOException {
        if (header.parameterCount() > WeightFileHeader.MAX_ARRAY_PARAMETERS) {
            throw new WeightFormatException("weight file of " + header.parameterCount()
                    + " parameters is too large for one array; read it by ranges (WeightFileSource)");
        }
        float[] params = new float[(int) header.parameterCount()];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < params.length) {
            int want = (int) Math.min(CHUNK, 4L * (params.length - i));
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                long have = 4L * i + got;
                throw new WeightFormatException("truncated weight file: body has " + have + " bytes, header promises "
                        + 4L * params.length);
            }
            view.clear();
            int n = want / 4;
            view.asFloatBuffer().get(params, i, n);
            for (int k = i; k < i + n; k++) {
                if (!Float.isFinite(params[k])) {
                    throw new WeightFormatException("non-finite parameter " + params[k] + " at index " + k);
                }
            }
            i += n;
        }
        if (in.read() != -1) {
            throw new WeightFormatException("oversized weight file: bytes follow the last of "
                    + params.length + " parameters");
        }
        return params;
    }
}

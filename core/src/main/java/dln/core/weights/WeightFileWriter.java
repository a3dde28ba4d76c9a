package dln.core.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a weight file chunk by chunk: the header first (its count announced up front), then
 * parameters in order through one 64 KiB buffer, so a vector need never be whole in memory.
 * {@link #finish()} checks that exactly the announced count was written. Refuses non-finite
 * values, naming their index. Does not close the stream. Not thread-safe.
 */
public final class WeightFileWriter implements ParameterSink {
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final long count;
    private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    /**
     * Writes the header of a float32 file of {@code parameterCount} values.
     *
     * @param out              where the file goes (not closed)
     * @param architectureHash the architecture the parameters are for
     * @param parameterCount   how many values will follow
     */
    public WeightFileWriter(final OutputStream out, final String architectureHash, final long parameterCount) throws IOException {
        this.out = out;
        final WeightFileHeader header = WeightFileHeader.float32(architectureHash, parameterCount);
        this.count = parameterCount;
        buf.put(WeightFileHeader.MAGIC)
                .putShort((short) header.formatVersion())
                .put((byte) header.dtype())
                .put((byte) 0)
                .put(header.architectureHashBytes())
                .putLong(header.parameterCount());
        out.write(buf.array(), 0, buf.position());
    }

    @Override
    public void write(final float[] values, final int offset, final int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        if (length > count - written) {
            throw new WeightFormatException("more parameters than the " + count + " the header announces");
        }
        for (int k = offset; k < offset + length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new WeightFormatException("refusing to write a non-finite parameter " + values[k] + " at index "
                        + (written + k - offset));
            }
        }
        // Bulk copies through a float view: element-wise putFloat is ~4x slower.
        for (int i = offset; i < offset + length; ) {
            final int n = Math.min(CHUNK / 4, offset + length - i);
            buf.clear();
            buf.asFloatBuffer().put(values, i, n);
            out.write(buf.array(), 0, 4 * n);
            i += n;
        }
        written += length;
    }

    /** Parameters written so far. */
    public long written() {
        return written;
    }

    /**
     * Checks the file is complete and flushes the stream.
     *
     * @throws WeightFormatException if fewer parameters were written than announced
     */
    public void finish() throws IOException {
        if (written != count) {
            throw new WeightFormatException("weight file announces " + count + " parameters, only " + written + " were written");
        }
        out.flush();
    }
}

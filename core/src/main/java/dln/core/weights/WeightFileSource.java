package dln.core.weights;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A weight file on disk read by ranges of parameters, so a vector larger than the heap is
 * processed chunk by chunk. Opening checks what {@link WeightFiles#read} checks of the whole
 * file: header, architecture hash, parameter count, and that the file is exactly as long as the
 * header says; each range read checks its values are finite. Parameter index i is read at byte
 * {@link WeightFileHeader#byteOffset(long) 48 + 4i}, computed in 64 bits. Not thread-safe.
 */
public final class WeightFileSource implements ParameterSource, Closeable {
    private static final int BUFFER = 1 << 20;

    private final SeekableByteChannel channel;
    private final WeightFileHeader header;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * Opens {@code file} for the expected architecture.
     *
     * @throws WeightFormatException if the header, the hash, the count or the file's length is wrong
     */
    public static WeightFileSource open(final Path file, final String expectedArchitectureHash, final long expectedParameterCount)
            throws IOException {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new WeightFileSource(channel, expectedArchitectureHash, expectedParameterCount);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A source over any seekable channel positioned anywhere (it is read from byte 0).
     *
     * @throws WeightFormatException as {@link #open}
     */
    public WeightFileSource(final SeekableByteChannel channel, final String expectedArchitectureHash, final long expectedParameterCount)
            throws IOException {
        this.channel = channel;
        final byte[] head = new byte[WeightFileHeader.SIZE];
        final int got = readAt(0, ByteBuffer.wrap(head));
        final WeightFileHeader h = WeightFiles.readHeader(new ByteArrayInputStream(head, 0, got));
        if (!h.architectureHash().equals(expectedArchitectureHash)) {
            throw new WeightFormatException("weight file is for architecture " + h.architectureHash() + ", expected " + expectedArchitectureHash);
        }
        if (h.parameterCount() != expectedParameterCount) {
            throw new WeightFormatException("weight file declares " + h.parameterCount() + " parameters, the architecture has "
                    + expectedParameterCount);
        }
        final long size = channel.size();
        if (size < h.fileSize()) {
            throw new WeightFormatException("truncated weight file: " + size + " bytes, header promises " + h.fileSize());
        }
        if (size > h.fileSize()) {
            throw new WeightFormatException("oversized weight file: " + size + " bytes, header promises " + h.fileSize());
        }
        this.header = h;
    }

    /** The validated header. */
    public WeightFileHeader header() {
        return header;
    }

    @Override
    public long parameterCount() {
        return header.parameterCount();
    }

    @Override
    public void read(final long from, final float[] dst, final int offset, final int length) throws IOException {
        java.util.Objects.checkFromIndexSize(from, length, header.parameterCount());
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        int done = 0;
        while (done < length) {
            final int n = Math.min(BUFFER / 4, length - done);
            buffer.clear().limit(4 * n);
            final long position = WeightFileHeader.byteOffset(from + done);
            if (readAt(position, buffer) < 4 * n) {
                throw new WeightFormatException("truncated weight file: no parameters at byte " + position);
            }
            buffer.flip();
            buffer.asFloatBuffer().get(dst, offset + done, n);
            for (int k = offset + done; k < offset + done + n; k++) {
                if (!Float.isFinite(dst[k])) {
                    throw new WeightFormatException("non-finite parameter " + dst[k] + " at index " + (from + k - offset));
                }
            }
            done += n;
        }
    }

    // Fills what remains of buf from byte `position`; returns the bytes read (short only at the end).
    private int readAt(final long position, final ByteBuffer buf) throws IOException {
        channel.position(position);
        int total = 0;
        while (buf.hasRemaining()) {
            final int n = channel.read(buf);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

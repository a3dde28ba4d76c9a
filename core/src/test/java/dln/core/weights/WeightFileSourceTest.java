package dln.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFileSourceTest {
    static final String HASH = "ab".repeat(32);

    static float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i) * i;
        }
        return v;
    }

    @Test
    void chunkedWriterWritesTheWholeFileBytes(@TempDir Path dir) throws IOException {
        float[] v = vector(300_001);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WeightFileWriter w = new WeightFileWriter(bytes, HASH, v.length);
        for (int from = 0; from < v.length; from += 70_000) {
            w.write(v, from, Math.min(70_000, v.length - from));
        }
        w.finish();
        assertArrayEquals(WeightFiles.toBytes(HASH, v), bytes.toByteArray());
    }

    @Test
    void writerRefusesAShortOrLongFileAndNonFiniteValues() throws IOException {
        WeightFileWriter w = new WeightFileWriter(OutputStream.nullOutputStream(), HASH, 3);
        w.write(new float[]{1, 2}, 0, 2);
        assertThrows(WeightFormatException.class, w::finish);
        assertThrows(WeightFormatException.class, () -> w.write(new float[]{1, 2}, 0, 2));
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> w.write(new float[]{Float.NaN}, 0, 1));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }

    @Test
    void rangesReadWhatTheWholeReadGives(@TempDir Path dir) throws IOException {
        float[] v = vector(700_003);
        Path f = dir.resolve("w.dlnw");
        Files.write(f, WeightFiles.toBytes(HASH, v));
        try (WeightFileSource s = WeightFileSource.open(f, HASH, v.length)) {
            assertEquals(v.length, s.parameterCount());
            float[] back = new float[v.length];
            // ranges larger than the 1 MiB buffer, and odd ones
            for (int from = 0; from < v.length; from += 300_007) {
                s.read(from, back, from, Math.min(300_007, v.length - from));
            }
            assertArrayEquals(v, back);
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(v.length - 1, new float[2], 0, 2));
        }
    }

    @Test
    void openingChecksHeaderHashCountAndLength(@TempDir Path dir) throws IOException {
        float[] v = vector(10);
        byte[] b = WeightFiles.toBytes(HASH, v);
        Path f = dir.resolve("w");
        Files.write(f, b);
        assertTrue(assertThrows(WeightFormatException.class, () -> WeightFileSource.open(f, "cd".repeat(32), 10))
                .getMessage().contains("architecture"));
        assertTrue(assertThrows(WeightFormatException.class, () -> WeightFileSource.open(f, HASH, 11))
                .getMessage().contains("parameters"));
        Files.write(f, Arrays.copyOf(b, b.length - 1));
        assertTrue(assertThrows(WeightFormatException.class, () -> WeightFileSource.open(f, HASH, 10))
                .getMessage().contains("truncated"));
        Files.write(f, Arrays.copyOf(b, b.length + 4));
        assertTrue(assertThrows(WeightFormatException.class, () -> WeightFileSource.open(f, HASH, 10))
                .getMessage().contains("oversized"));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(48 + 4 * 7, Float.POSITIVE_INFINITY);
        Files.write(f, b);
        try (WeightFileSource s = WeightFileSource.open(f, HASH, 10)) {
            assertTrue(assertThrows(WeightFormatException.class, () -> s.read(5, new float[5], 0, 5))
                    .getMessage().contains("index 7"));
        }
    }

    @Test
    void byteOffsetsAre64Bit() {
        assertEquals(48, WeightFileHeader.byteOffset(0));
        // 600M parameters: the first offset past 2^31 that an int would wrap to a negative number
        assertEquals(2_400_000_048L, WeightFileHeader.byteOffset(600_000_000L));
        assertEquals(12_000_000_048L, WeightFileHeader.float32(HASH, 3_000_000_000L).fileSize());
        assertThrows(ArithmeticException.class, () -> WeightFileHeader.byteOffset(Long.MAX_VALUE / 2));
        assertThrows(IllegalArgumentException.class, () -> WeightFileHeader.byteOffset(-1));
    }

    @Test
    void aWholeReadOfMoreThanAnArrayHoldsIsRefusedByRange() {
        byte[] header = new byte[48];
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).put(new byte[]{'D', 'L', 'N', 'W'}).putShort((short) 1).put((byte) 1)
                .put((byte) 0).put(WeightFileHeader.float32(HASH, 1).architectureHashBytes()).putLong(3_000_000_000L);
        WeightFormatException e = assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(header, HASH, 3_000_000_000L));
        assertTrue(e.getMessage().contains("by ranges"), e.getMessage());
    }

    /**
     * A 20 GB weight file of 5 billion parameters that exists only as a function of the position:
     * parameter i holds (float) (i >>> 8), so reading at indices and byte offsets beyond 2^31 and
     * 2^32 returns the right values only if no offset wraps.
     */
    @Test
    void rangesBeyondTwoToThe31AreReadAtTheirOffsets() throws IOException {
        long count = 5_000_000_000L;
        try (WeightFileSource s = new WeightFileSource(new VirtualWeightFile(count), HASH, count)) {
            for (long at : new long[]{0, (1L << 29) + 3, (1L << 31) - 2, (1L << 31) + 5, (1L << 32) + 7, count - 4}) {
                float[] got = new float[4];
                s.read(at, got, 0, 4);
                for (int k = 0; k < 4; k++) {
                    assertEquals((float) ((at + k) >>> 8), got[k], "parameter " + (at + k));
                }
            }
        }
    }

    /** Read-only channel whose bytes are a weight file header followed by parameter i = (float) (i >>> 8). */
    static final class VirtualWeightFile implements SeekableByteChannel {
        private final long count;
        private final byte[] header = new byte[48];
        private long position;

        VirtualWeightFile(long count) {
            this.count = count;
            ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).put(new byte[]{'D', 'L', 'N', 'W'}).putShort((short) 1)
                    .put((byte) 1).put((byte) 0).put(WeightFileHeader.float32(HASH, 1).architectureHashBytes()).putLong(count);
        }

        private byte byteAt(long p) {
            if (p < 48) {
                return header[(int) p];
            }
            long index = (p - 48) / 4;
            int bits = Float.floatToRawIntBits((float) (index >>> 8));
            return (byte) (bits >>> (8 * (int) ((p - 48) % 4)));
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= size()) {
                return -1;
            }
            int n = 0;
            while (dst.hasRemaining() && position < size()) {
                dst.put(byteAt(position++));
                n++;
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long p) {
            position = p;
            return this;
        }

        @Override
        public long size() {
            return 48 + 4 * count;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}

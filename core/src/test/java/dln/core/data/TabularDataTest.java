package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabularDataTest {
    private static CsvTable table(String text) {
        return CsvTable.parse(text.getBytes(StandardCharsets.UTF_8), "t.csv");
    }

    @Test
    void schemaParsesAndRefusesNonsense() {
        CsvSchema s = CsvSchema.parse("target=label; categorical=color,city ;ignore=id");
        assertEquals(new CsvSchema("label", List.of(), List.of("color", "city"), List.of("id")), s);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvSchema.parse("numeric=a")).getMessage().contains("no target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvSchema.parse("target=y;colour=a")).getMessage().contains("unknown key 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvSchema.parse("target=y;numeric=y")).getMessage().contains("named twice"));
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> CsvSchema.parse("target=y;categorical=z").numericColumns(table("a,y\n1,0\n")));
        assertTrue(e.getMessage().contains("t.csv: header has no column 'z' (columns: a, y)"), e.getMessage());
    }

    @Test
    void numericColumnsAreNormalisedWithTrainingStatisticsOnly() {
        // Training rows 0..3 have x = 1, 2, 3, 4 (mean 2.5, population std sqrt(1.25)); row 4 (x = 1000) is held out.
        CsvTable t = table("x,y\n1,0\n2,1\n3,0\n4,1\n1000,1\n");
        CsvSchema s = CsvSchema.numeric("y");
        Preprocessing p = Preprocessing.fit(t, s, TabularData.check(t, s), new int[]{0, 1, 2, 3});
        assertEquals(2.5, p.numeric().get(0).mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), p.numeric().get(0).scale(), 1e-12);
        Dataset held = p.apply(t, new int[]{4});
        assertEquals((float) ((1000 - 2.5) / Math.sqrt(1.25)), held.features()[0], 1e-3);
        assertEquals(1, held.labels()[0]);
    }

    @Test
    void prepareFitsOnTheTrainingSplitAlone() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }
        CsvTable t = table(csv.toString());
        TabularData.Prepared p = TabularData.prepare(t, CsvSchema.numeric("y"), 0.2, 0.2, 3);
        // The training split's own features have mean 0 and unit variance; nothing else's statistics went in.
        float[] f = p.split().train().features();
        double mean = 0;
        for (float v : f) {
            mean += v / f.length;
        }
        assertEquals(0, mean, 1e-5);
        double sumTrain = 0;
        int[] perm = Shuffle.permutation(100, 3);
        for (int i = 0; i < 60; i++) {
            sumTrain += perm[i];
        }
        assertEquals(sumTrain / 60, p.preprocessing().numeric().get(0).mean(), 1e-9);
        assertEquals(60, p.split().train().size());
        assertEquals(20, p.split().validation().size());
        assertEquals(20, p.split().test().size());
    }

    @Test
    void categoricalColumnsAreOneHotOverTrainingCategories() {
        CsvTable t = table("age,color,y\n30,red,yes\n40,blue,no\n50,red,no\n60,green,yes\n");
        CsvSchema s = CsvSchema.parse("target=y;categorical=color");
        Preprocessing p = Preprocessing.fit(t, s, TabularData.check(t, s), new int[]{0, 1, 2});
        assertEquals(List.of("no", "yes"), p.classes());
        assertEquals(List.of("blue", "red"), p.categorical().get(0).categories());
        assertEquals(3, p.numFeatures());
        Dataset d = p.apply(t);
        // Row 0: age (30 - 40) / std, red; row 3: green was not seen in training: all zeros.
        assertArrayEquals(new float[]{0f, 1f}, Arrays.copyOfRange(d.features(), 1, 3));
        assertArrayEquals(new float[]{0f, 0f}, Arrays.copyOfRange(d.features(), 10, 12));
        assertArrayEquals(new int[]{1, 0, 0, 1}, d.labels());
        assertEquals(p, Preprocessing.fromJson(p.toJson()));
    }

    @Test
    void integerTargetsKeepTheirNumbersAsClasses() {
        CsvTable t = table("x,y\n1,0\n2,3\n3,1\n");
        assertEquals(List.of("0", "1", "2", "3"), TabularData.classes(t, "y"));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> TabularData.classes(table("x,y\n1,a\n2,a\n"), "y"));
        assertTrue(e.getMessage().contains("target 'y' has 1 distinct value(s)"), e.getMessage());
    }

    @Test
    void everyMissingValueIsReportedWithRowAndColumn() {
        CsvTable t = table("a,b,c,y\n1,2,x,0\n,2,x,1\n1,NA,,0\n1,two,x,?\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> TabularData.check(t, CsvSchema.parse("target=y;categorical=c")));
        assertEquals(List.of("line 3, column 'a': missing value", "line 4, column 'b': missing value", "line 4, column 'c': missing value",
                "line 5, column 'b': 'two' is not a number", "line 5, column 'y': missing value"), e.problems());
    }

    @Test
    void datasetsOfTheSklearnShapesRoundTripThroughTheCodec() {
        for (int[] shape : new int[][]{{30, 2}, {64, 10}}) {
            int n = 17;
            float[] f = new float[n * shape[0]];
            int[] l = new int[n];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) Math.sin(i) * 3.7f;
            }
            for (int i = 0; i < n; i++) {
                l[i] = i % shape[1];
            }
            Dataset d = new Dataset(f, l, shape[0], shape[1]);
            Dataset back = DatasetCodec.fromBytes(DatasetCodec.toBytes(d));
            assertArrayEquals(d.features(), back.features());
            assertArrayEquals(d.labels(), back.labels());
            assertEquals(shape[0], back.numFeatures());
            assertEquals(shape[1], back.numClasses());
        }
    }
}

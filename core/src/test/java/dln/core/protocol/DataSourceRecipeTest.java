package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.CsvFormatException;
import dln.core.data.Dataset;
import dln.core.data.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider's CSV goes through the recipe's preprocessing: the model's statistics and category maps, nothing fitted locally. */
class DataSourceRecipeTest {
    private static final Preprocessing RECIPE = new Preprocessing("y", List.of("no", "yes"),
            List.of(new Preprocessing.NumericColumn("age", 40, 8)), List.of(new Preprocessing.CategoricalColumn("color", List.of("blue", "red"))));

    @TempDir
    Path dir;

    @Test
    void aCsvIsReadThroughTheRecipesStatisticsAndCategories() throws Exception {
        // The provider's own rows have mean age 20: the recipe's 40 / 8 still applies; 'green' was not a training category.
        final Path csv = Files.writeString(dir.resolve("mine.csv"), "id,color,age,y\n1,red,16,yes\n2,green,24,no\n3,blue,20,no\n");
        final Dataset d = DataSource.load(csv.toString(), 7, RECIPE);
        assertEquals(3, d.size());
        assertEquals(3, d.numFeatures());
        assertArrayEquals(new float[] {-3f, 0f, 1f, -2f, 0f, 0f, -2.5f, 1f, 0f}, d.features(), 1e-6f);
        assertArrayEquals(new int[] {1, 0, 0}, d.labels());
    }

    @Test
    void aCsvTheRecipeCannotReadIsReportedByLineAndColumn() throws Exception {
        final Path csv = Files.writeString(dir.resolve("bad.csv"), "color,age,y\nred,NA,yes\nblue,30,maybe\n");
        final CsvFormatException e = assertThrows(CsvFormatException.class, () -> DataSource.load(csv.toString(), 7, RECIPE));
        assertTrue(e.getMessage().contains("line 2, column 'age': missing value"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 'y': 'maybe' is not one of the classes"), e.getMessage());
        final Path noColumn = Files.writeString(dir.resolve("short.csv"), "age,y\n30,yes\n");
        assertThrows(CsvFormatException.class, () -> DataSource.load(noColumn.toString(), 7, RECIPE));
    }

    @Test
    void mnistIsRefusedForARecipeThatPreprocessesRows() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSource.load("mnist:train:iid:1/4", 7, RECIPE));
        assertTrue(e.getMessage().contains("give the CSV the model was made for"), e.getMessage());
    }
}

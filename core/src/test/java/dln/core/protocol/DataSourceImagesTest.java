package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.CsvSchema;
import dln.core.data.Dataset;
import dln.core.data.ImageFixtures;
import dln.core.data.ImageFolder;
import dln.core.data.Preprocessing;
import dln.core.data.Shuffle;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data forms a publisher and a provider name: image folders ({@code images:<folder>[:part]}),
 * a publisher's CSV with a schema, and a provider's data checked against the model.
 */
class DataSourceImagesTest {

    @TempDir
    Path dir;

    @Test
    void aPublishersImageFolderGivesTheRecipesClassesAndSizeAndProvidersReadItsParts() throws Exception {
        ImageFixtures.colours(dir, 10, 1);
        final List<Integer> input = List.of(3, 6, 5);
        final DataSource.Prepared all = DataSource.prepare("images:" + dir, 7, null, input);
        final Preprocessing pre = all.preprocessing().orElseThrow();
        assertEquals(Preprocessing.images(ImageFixtures.COLOURS, new ImageFolder.Shape(3, 6, 5)), pre);
        assertEquals(30, all.data().size());
        assertEquals(90, all.data().numFeatures());
        assertEquals(90, pre.numFeatures());
        // The recipe's JSON carries the classes and the size, and reads back the same.
        assertEquals(pre, Preprocessing.fromJson(pre.toJson()));
        assertTrue(pre.toJson().contains("\"height\": 6"), pre.toJson());

        final Dataset validation = DataSource.prepare("images:" + dir + ":validation", 7, null, input).data();
        assertEquals(6, validation.size(), "20 % of 30");
        final Dataset part1 = DataSource.load("images:" + dir + ":train:iid:1/2", 7, pre);
        final Dataset part2 = DataSource.load("images:" + dir + ":train:iid:2/2", 7, pre);
        assertEquals(18, part1.size() + part2.size(), "the 60 % training split, in two parts");
        assertEquals(6, DataSource.load("images:" + dir + ":test", 7, pre).size());
        // A provider's own folder, read with the model's classes and size.
        assertEquals(30, DataSource.load("images:" + dir, 7, pre).size());
    }

    @Test
    void anImageFolderNeedsTheRecipesImagePreprocessingAndAnImageInput() throws Exception {
        ImageFixtures.colours(dir, 2, 1);
        assertEquals("'images:" + dir + "': the model's recipe does not read image folders (it has no image preprocessing);"
                + " give the data the model was published with",
                assertThrows(IllegalArgumentException.class, () -> DataSource.load("images:" + dir, 7)).getMessage());
        assertEquals("image folders need a model whose input is [channels, height, width]; this one takes [784]",
                assertThrows(IllegalArgumentException.class, () -> DataSource.prepare("images:" + dir, 7, null, List.of(784))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSource.prepare("images:" + dir, 7, CsvSchema.parse("target=y"), List.of(1, 4, 4)));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> DataSource.requireFile("images:" + dir.resolve("absent")));
        DataSource.requireFile("images:" + dir + ":train:iid:1/4");
        // A CSV given to a model whose recipe reads images.
        final Path csv = Files.writeString(dir.resolve("t.csv"), "x,y\n1,a\n");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSource.load(csv.toString(), 7, Preprocessing.images(List.of("a", "b"), new ImageFolder.Shape(1, 2, 2))));
        assertTrue(e.getMessage().contains("the model's recipe reads image folders"), e.getMessage());
    }

    @Test
    void theBuiltInCnnsTakeAFolderWhenTheShapeFits() throws Exception {
        ImageFixtures.colours(dir, 2, 3);
        final List<Integer> cifarInput = BuiltinModels.byName("cifar").architecture().input();
        final Dataset d = DataSource.prepare("images:" + dir, 7, null, cifarInput).data();
        final ArchitecturePlan cifar = ArchitecturePlan.of(BuiltinModels.byName("cifar", d.numFeatures(), d.numClasses()).architecture());
        assertEquals(3, cifar.numClasses());
        assertEquals(java.util.Optional.empty(), DataSource.misfit("images:" + dir, d, cifar));
        final Dataset gray = DataSource.prepare("images:" + dir, 7, null, BuiltinModels.lenet().architecture().input()).data();
        assertEquals(784, gray.numFeatures());
        assertEquals(3, ArchitecturePlan.of(BuiltinModels.byName("lenet", gray.numFeatures(), gray.numClasses()).architecture()).numClasses());
    }

    @Test
    void aPublishersCsvWithASchemaIsNormalisedWithItsTrainingRowsAlone() throws Exception {
        // 20 rows: x = i, except that the rows that the seeded split puts into validation and test hold 1000 + i.
        final int n = 20;
        final int[] perm = Shuffle.permutation(n, 7);
        final int nTrain = n - 4 - 4;
        final boolean[] train = new boolean[n];
        for (int k = 0; k < nTrain; k++) {
            train[perm[k]] = true;
        }
        final StringBuilder csv = new StringBuilder("id,x,colour,y\n");
        double sum = 0;
        for (int i = 0; i < n; i++) {
            final int x = train[i] ? i : 1000 + i;
            if (train[i]) {
                sum += x;
            }
            csv.append(i).append(',').append(x).append(',').append(train[i] ? "red" : "blue").append(',').append(i % 2 == 0 ? "no" : "yes").append('\n');
        }
        final Path file = Files.writeString(dir.resolve("people.csv"), csv);
        final DataSource.Prepared p = DataSource.prepare(file.toString(), 7, CsvSchema.parse("target=y;categorical=colour;ignore=id"), null);
        final Preprocessing pre = p.preprocessing().orElseThrow();
        assertEquals(List.of("no", "yes"), pre.classes());
        assertEquals(sum / nTrain, pre.numeric().get(0).mean(), 1e-9, "the mean of the training rows alone");
        assertEquals(List.of("red"), pre.categorical().get(0).categories(), "only the training rows' categories");
        // The committee's data is the validation rows, through that preprocessing.
        assertEquals(4, p.data().size());
        assertEquals(2, p.data().numFeatures());
        for (int k = 0; k < 4; k++) {
            assertTrue(p.data().features()[2 * k] > 10, "a validation row (x >= 1000) far out of the training statistics");
            assertEquals(0f, p.data().features()[2 * k + 1], "'blue' was not a training category");
        }
        // Without a schema the CSV is read as before: a label column and ten classes, no preprocessing.
        final Path labelled = Files.writeString(dir.resolve("l.csv"), "a,label\n0.5,3\n0.1,9\n");
        final DataSource.Prepared plain = DataSource.prepare(labelled.toString(), 7, null, null);
        assertFalse(plain.preprocessing().isPresent());
        assertEquals(10, plain.data().numClasses());
        assertThrows(IllegalArgumentException.class, () -> DataSource.prepare("breast-cancer:validation", 7, CsvSchema.parse("target=y"), null));
    }

    @Test
    void aProvidersDataThatDoesNotFitTheModelIsNamedInOneLine() throws Exception {
        final ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.mlp(30, 2).architecture());
        final Dataset fits = new Dataset(new float[30 * 2], new int[] {0, 1}, 30, 2);
        assertEquals(java.util.Optional.empty(), DataSource.misfit("mine.csv", fits, plan));
        final Dataset features = new Dataset(new float[29 * 2], new int[] {0, 1}, 29, 2);
        assertEquals("mine.csv: the architecture takes 30 inputs but the data has 29 features",
                DataSource.misfit("mine.csv", features, plan).orElseThrow());
        final Dataset classes = new Dataset(new float[30 * 2], new int[] {0, 9}, 30, 10);
        assertEquals("mine.csv: the architecture has 2 classes but the data has 10", DataSource.misfit("mine.csv", classes, plan).orElseThrow());
        // An image recipe resized to another size than the architecture's input is refused with both shapes.
        final Preprocessing wrongSize = Preprocessing.images(List.of("a", "b"), new ImageFolder.Shape(3, 16, 16));
        final ArchitecturePlan cifar = ArchitecturePlan.of(BuiltinModels.byName("cifar", 3072, 2).architecture());
        final dln.core.model.TrainingSpec t = BuiltinModels.cifar().training().withPreprocessing(wrongSize);
        assertEquals("the architecture takes input [3, 32, 32] but the recipe's images are resized to [3, 16, 16]",
                ModelContext.recipeMisfit(t, cifar).orElseThrow());
        final dln.core.model.TrainingSpec right = t.withPreprocessing(Preprocessing.images(List.of("a", "b"), new ImageFolder.Shape(3, 32, 32)));
        assertEquals(java.util.Optional.empty(), ModelContext.recipeMisfit(right, cifar));
        assertTrue(right.describe().contains("images resized to [3, 32, 32], classes [a, b]"), right.describe());
    }
}

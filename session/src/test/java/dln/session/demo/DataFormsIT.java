package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.ledger.ConnectionProfile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data as users have it, through the clients on the real network: an image folder published for
 * the built-in LeNet and trained on by a provider; a publisher's CSV with a schema, its
 * normalisation in the recipe; a provider's data that does not fit the model refused in one line
 * (exit 1) before any training.
 */
class DataFormsIT {

    private final Path root = SessionIT.ItPaths.root();
    private final Path profilePath = SessionIT.ItPaths.profile();
    private final ConnectionProfile profile = ConnectionProfile.load(profilePath);
    private final Cli cli = new Cli(root, profilePath);

    @TempDir
    Path dir;

    private String publish(final String... more) throws Exception {
        final List<String> args = new java.util.ArrayList<>(List.of("publish", "--identity", "org1/User1", "--min-updates", "1", "--quorum", "2",
                "--threshold", "0", "--committee", "org1/User2,org2/User2,org3/User2"));
        args.addAll(List.of(more));
        final Cli.Result r = cli.run("publisher", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        final String model = r.out().trim();
        for (final String m : List.of("org1/User2", "org2/User2")) {
            assertEquals(0, cli.run("committee", "review", model, "--identity", m).exit());
        }
        return model;
    }

    private static void assertUserError(final Cli.Result r, final String expected) {
        assertEquals(1, r.exit(), "exit code; stderr: " + r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("error:")).count(), "one error line: " + r.err());
        assertTrue(r.err().contains(expected), "mentions " + expected + ": " + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** {@code perClass} noisy images per colour folder, 8 to 15 pixels, PNG and JPEG. */
    private static Path colours(final Path folder, final List<String> classes, final int perClass) throws Exception {
        final Random r = new Random(3);
        for (int c = 0; c < classes.size(); c++) {
            final Path sub = Files.createDirectories(folder.resolve(classes.get(c)));
            for (int i = 0; i < perClass; i++) {
                final BufferedImage img = new BufferedImage(8 + r.nextInt(8), 8 + r.nextInt(8), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        final int[] rgb = {r.nextInt(90), r.nextInt(90), r.nextInt(90)};
                        rgb[c % 3] = 160 + r.nextInt(96);
                        img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                    }
                }
                final String format = i % 2 == 0 ? "png" : "jpg";
                ImageIO.write(img, format, sub.resolve(i + "." + format).toFile());
            }
        }
        return folder;
    }

    @Test
    void anImageFolderForLenetIsPublishedWithItsClassesAndTrainedOn() throws Exception {
        final Path pets = colours(dir.resolve("pets"), List.of("blue", "green", "red"), 30);
        final String model = publish("--model", "lenet", "--validation", "images:" + pets + ":validation");
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final ModelView m = ledger.getModel(model);
            assertEquals(ModelStatus.OPEN, m.status());
            final com.google.gson.JsonObject pre = m.trainingRecipe().preprocessing();
            assertEquals("[\"blue\",\"green\",\"red\"]", pre.getAsJsonArray("classes").toString());
            assertEquals(28, pre.getAsJsonObject("image").get("height").getAsInt());
            assertEquals(1, pre.getAsJsonObject("image").get("channels").getAsInt());

            final Cli.Result train = cli.run("provider", "train", model, "--identity", "org3/User6", "--data", "images:" + pets + ":train:iid:1/2");
            assertEquals(0, train.exit(), train.err());
            assertTrue(train.err().contains("images resized to [1, 28, 28], classes [blue, green, red]"), train.err());
            final List<UpdateView> updates = ledger.listUpdates(model, 1, null);
            assertEquals(1, updates.size());
            assertEquals(m.recipeHash(), updates.get(0).recipeHash());
            assertEquals(0, cli.run("publisher", "status", model, "--test", "images:" + pets + ":test").exit());

            // A provider whose folder has a class the model does not: one line, nothing trained.
            final Path other = colours(dir.resolve("other"), List.of("blue", "purple"), 2);
            assertUserError(cli.run("provider", "train", model, "--identity", "org2/User6", "--data", "images:" + other),
                    "class folder 'purple' is not one of the model's classes [blue, green, red]");
            assertEquals(1, ledger.listUpdates(model, 1, null).size());
        }
    }

    @Test
    void aPublishersCsvWithASchemaPublishesItsTrainingNormalisation() throws Exception {
        final StringBuilder csv = new StringBuilder("id,height,colour,weight,label\n");
        final Random r = new Random(5);
        for (int i = 0; i < 150; i++) {
            final boolean yes = r.nextBoolean();
            csv.append(i).append(',').append(150 + r.nextInt(50)).append(',').append(List.of("red", "blue", "green").get(r.nextInt(3)))
                    .append(',').append(yes ? 80 + r.nextInt(20) : 50 + r.nextInt(20)).append(',').append(yes ? "yes" : "no").append('\n');
        }
        final Path people = Files.writeString(dir.resolve("people.csv"), csv);
        final String model = publish("--model", "mlp", "--validation", people.toString(), "--schema", "target=label;categorical=colour;ignore=id");
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final com.google.gson.JsonObject pre = ledger.getModel(model).trainingRecipe().preprocessing();
            assertEquals("label", pre.get("target").getAsString());
            assertEquals(2, pre.getAsJsonArray("numeric").size());
            assertEquals(1, pre.getAsJsonArray("categorical").size());
            final Cli.Result train = cli.run("provider", "train", model, "--identity", "org3/User6", "--data", people.toString());
            assertEquals(0, train.exit(), train.err());
        }
    }

    @Test
    void aProvidersDataThatDoesNotFitTheModelIsRefusedBeforeTraining() throws Exception {
        // The default MNIST MLP (784 inputs, no preprocessing), and a CSV of three features with a label column.
        final String model = publish("--model", "mlp");
        final Path mine = Files.writeString(dir.resolve("mine.csv"), "a,b,c,label\n0.1,0.2,0.3,1\n0.4,0.5,0.6,2\n");
        assertUserError(cli.run("provider", "train", model, "--identity", "org2/User6", "--data", mine.toString()),
                mine + ": the architecture takes 784 inputs but the data has 3 features");
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            assertTrue(ledger.listUpdates(model, 1, null).isEmpty(), "nothing trained or submitted");
        }
    }
}

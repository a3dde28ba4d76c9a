package dln.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.cli.ExitCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * publish's data options offline: an image folder or a CSV with a schema is read and checked
 * before any peer is called, and what does not fit is one line with exit code 1.
 */
class PublishDataOptionsTest {

    @TempDir
    Path dir;

    private record Run(int code, String err) { }

    private static Run run(final String... args) {
        final PrintStream err = System.err;
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Run(ExitCodes.run(new Main(), args), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    private static void assertOneLine(final Run r, final String line) {
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
        assertEquals("error: " + line + System.lineSeparator(), r.err());
    }

    private Path pets() throws Exception {
        for (final String c : new String[] {"cat", "dog"}) {
            final Path sub = Files.createDirectories(dir.resolve("pets").resolve(c));
            for (int i = 0; i < 3; i++) {
                ImageIO.write(new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB), i == 0 ? "jpg" : "png", sub.resolve(i + (i == 0 ? ".jpg" : ".png")).toFile());
            }
        }
        return dir.resolve("pets");
    }

    @Test
    void anImageFolderNeedsAnImageModelAndEveryFileAnImage() throws Exception {
        final Path pets = pets();
        assertOneLine(run("publish", "--model", "mlp", "--validation", "images:" + pets),
                "image folders need a model whose input is [channels, height, width]; this one takes [784]");
        assertOneLine(run("publish", "--model", "lenet", "--validation", "images:" + pets, "--schema", "target=y"),
                "a CSV schema is for a CSV file; 'images:" + pets + "' is an image folder");
        Files.writeString(pets.resolve("dog").resolve("notes.txt"), "x");
        assertOneLine(run("publish", "--model", "cifar", "--validation", "images:" + pets),
                pets.resolve("dog").resolve("notes.txt") + ": not an image (only .png, .jpg, .jpeg are read); move it out of the class folders");
        Files.delete(pets.resolve("dog").resolve("notes.txt"));
        // Read, resized and the model sized: what stops it now is the missing network profile.
        final Run r = run("publish", "--model", "cifar", "--validation", "images:" + pets, "--profile", dir.resolve("none.json").toString());
        assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("none.json"), r.err());
    }

    @Test
    void aCsvWithASchemaIsCheckedBeforeAnythingIsSent() throws Exception {
        final Path csv = Files.writeString(dir.resolve("people.csv"), "id,age,job,y\n1,30,a,no\n2,NA,b,yes\n3,40,a,yes\n4,50,b,no\n5,20,a,no\n");
        final Run missing = run("publish", "--validation", csv.toString(), "--schema", "target=y;categorical=job;ignore=id");
        assertEquals(ExitCodes.USER_ERROR, missing.code());
        assertTrue(missing.err().contains("line 3, column 'age': missing value"), missing.err());
        final Run noColumn = run("publish", "--validation", csv.toString(), "--schema", "target=income");
        assertEquals(ExitCodes.USER_ERROR, noColumn.code());
        assertTrue(noColumn.err().contains("header has no column 'income'"), noColumn.err());
    }
}

package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders: fixtures written here with ImageIO into a temporary folder. */
class ImageFolderTest {

    @TempDir
    Path dir;

    /** Writes a w x h image of one colour (0xRRGGBB) in {@code format} ("png", "jpg"); when {@code gray}, an 8-bit gray image storing the low byte. */
    static Path image(Path folder, String name, int w, int h, int rgb, boolean gray, String format) throws IOException {
        Files.createDirectories(folder);
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray) {
                    img.getRaster().setSample(x, y, 0, rgb & 0xff);
                } else {
                    img.setRGB(x, y, rgb);
                }
            }
        }
        Path f = folder.resolve(name);
        assertTrue(ImageIO.write(img, format, f.toFile()), "no writer for " + format);
        return f;
    }

    @Test
    void classesAreTheSortedFolderNamesAndLabelThem() throws IOException {
        image(dir.resolve("zebra"), "a.png", 4, 4, 0xffffff, false, "png");
        image(dir.resolve("cat"), "b.png", 4, 4, 0x000000, false, "png");
        image(dir.resolve("cat"), "a.png", 4, 4, 0x000000, false, "png");
        image(dir.resolve("Dog"), "x.jpg", 4, 4, 0x808080, false, "jpg");
        Files.writeString(dir.resolve("README.txt"), "not an example");
        Files.writeString(dir.resolve(".hidden"), "skipped");

        assertEquals(List.of("Dog", "cat", "zebra"), ImageFolder.classes(dir));
        Dataset d = ImageFolder.read(dir, new ImageFolder.Shape(1, 2, 2));
        assertEquals(3, d.numClasses());
        assertEquals(4, d.numFeatures());
        assertArrayEquals(new int[] {0, 1, 1, 2}, d.labels());
        // white is 1, black 0
        assertEquals(1f, d.features()[3 * 4], 1e-6);
        assertEquals(0f, d.features()[1 * 4], 1e-6);
        // JPEG gray 0x80 stays near 128/255
        assertEquals(128 / 255f, d.features()[0], 3 / 255f);
    }

    @Test
    void aProviderLabelsItsFoldersWithTheModelsClasses() throws IOException {
        image(dir.resolve("dog"), "1.png", 3, 3, 0x112233, false, "png");
        Dataset d = ImageFolder.read(dir, List.of("cat", "dog", "fox"), new ImageFolder.Shape(3, 3, 3));
        assertArrayEquals(new int[] {1}, d.labels());
        assertEquals(3, d.numClasses());

        image(dir.resolve("wolf"), "1.png", 3, 3, 0, false, "png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageFolder.read(dir, List.of("cat", "dog", "fox"), new ImageFolder.Shape(3, 3, 3)));
        assertEquals(dir.resolve("wolf") + ": class folder 'wolf' is not one of the model's classes [cat, dog, fox]", e.getMessage());
    }

    @Test
    void resizesToTheInputChannelFirst() throws IOException {
        // 8x6 image, left half red, right half blue, resized to 4x2 (height 2, width 4)
        Files.createDirectories(dir.resolve("a"));
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, x < 4 ? 0xff0000 : 0x0000ff);
            }
        }
        ImageIO.write(img, "png", dir.resolve("a").resolve("1.png").toFile());
        image(dir.resolve("b"), "1.png", 5, 5, 0x00ff00, false, "png");

        Dataset d = ImageFolder.read(dir, new ImageFolder.Shape(3, 2, 4));
        assertEquals(24, d.numFeatures());
        float[] f = d.features();
        // channel-first: the red plane, then green, then blue; the outer columns are unmixed by the interpolation
        for (int y = 0; y < 2; y++) {
            assertEquals(1f, f[y * 4], 1e-6, "red at the left");
            assertEquals(0f, f[y * 4 + 3], 1e-6, "no red at the right");
            assertEquals(0f, f[8 + y * 4], 1e-6, "no green");
            assertEquals(0f, f[16 + y * 4], 1e-6, "no blue at the left");
            assertEquals(1f, f[16 + y * 4 + 3], 1e-6, "blue at the right");
        }
        // the green square's planes: 0, 1, 0
        for (int i = 0; i < 8; i++) {
            assertEquals(0f, f[24 + i], 1e-6);
            assertEquals(1f, f[24 + 8 + i], 1e-6);
            assertEquals(0f, f[24 + 16 + i], 1e-6);
        }
    }

    @Test
    void grayAndColourConvertToTheChannelCount() throws IOException {
        image(dir.resolve("gray"), "1.png", 2, 2, 0x404040, true, "png");
        image(dir.resolve("rgb"), "1.png", 2, 2, 0xff8000, false, "png");

        Dataset rgb = ImageFolder.read(dir, new ImageFolder.Shape(3, 2, 2));
        // a gray image gives three equal planes
        assertEquals(rgb.features()[0], rgb.features()[4], 1e-6);
        assertEquals(rgb.features()[0], rgb.features()[8], 1e-6);
        assertEquals(0x40 / 255f, rgb.features()[0], 1e-6, "a gray image's stored value");
        assertEquals(1f, rgb.features()[12], 1e-6);
        assertEquals(128 / 255f, rgb.features()[16], 1e-6);
        assertEquals(0f, rgb.features()[20], 1e-6);

        Dataset gray = ImageFolder.read(dir, new ImageFolder.Shape(1, 2, 2));
        // colour to gray is the luma 0.299 R + 0.587 G + 0.114 B
        assertEquals((0.299 * 255 + 0.587 * 128) / 255, gray.features()[4], 1e-6);
        assertEquals(rgb.features()[0], gray.features()[0], 1e-6);
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        ImageFolder.Shape s = new ImageFolder.Shape(1, 2, 2);
        image(dir.resolve("a"), "1.png", 2, 2, 0, false, "png");
        Files.createDirectories(dir.resolve("b"));
        assertEquals(dir.resolve("b") + ": empty class folder (no .png, .jpg or .jpeg); remove it or add its images",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(dir, s)).getMessage());

        Files.writeString(dir.resolve("b").resolve("notes.txt"), "x");
        assertEquals(dir.resolve("b").resolve("notes.txt") + ": not an image (only .png, .jpg, .jpeg are read); move it out of the class folders",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(dir, s)).getMessage());

        Files.delete(dir.resolve("b").resolve("notes.txt"));
        Files.writeString(dir.resolve("b").resolve("broken.png"), "this is not a PNG");
        assertEquals(dir.resolve("b").resolve("broken.png") + ": not a PNG or JPEG image despite its name; replace or remove it",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(dir, s)).getMessage());

        Files.delete(dir.resolve("b").resolve("broken.png"));
        Files.createDirectories(dir.resolve("b").resolve("more"));
        assertEquals(dir.resolve("b").resolve("more") + ": a folder inside class folder 'b'; put the class's images directly in it",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(dir, s)).getMessage());

        Path one = dir.resolve("one");
        image(one.resolve("only"), "1.png", 2, 2, 0, false, "png");
        assertEquals(one + ": 1 class folder(s); an image folder holds one sub-folder per class, 2 to 256",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.classes(one)).getMessage());
        assertThrows(NoSuchFileException.class, () -> ImageFolder.read(dir.resolve("absent"), s));
        assertEquals("image folders need a model whose input is [channels, height, width]; this one takes [784]",
                assertThrows(IllegalArgumentException.class, () -> ImageFolder.Shape.of(List.of(784))).getMessage());
    }
}

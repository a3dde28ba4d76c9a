package dln.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small image folders written by the tests themselves with ImageIO. */
public final class ImageFixtures {
    /** The classes of {@link #colours}: each image is mostly its class's colour. */
    public static final List<String> COLOURS = List.of("blue", "green", "red");

    private ImageFixtures() {
    }

    /**
     * Writes {@code perClass} images into each of {@code blue/}, {@code green/}, {@code red/} under
     * {@code dir}: noisy pictures dominated by that colour, 8 to 15 pixels wide and high, every
     * second one a JPEG, the others PNG; seeded.
     */
    public static Path colours(Path dir, int perClass, long seed) throws IOException {
        Random r = new Random(seed);
        for (int c = 0; c < COLOURS.size(); c++) {
            Path folder = Files.createDirectories(dir.resolve(COLOURS.get(c)));
            for (int i = 0; i < perClass; i++) {
                int w = 8 + r.nextInt(8);
                int h = 8 + r.nextInt(8);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int[] rgb = {r.nextInt(90), r.nextInt(90), r.nextInt(90)};
                        rgb[2 - c] = 160 + r.nextInt(96);
                        img.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                    }
                }
                String format = i % 2 == 0 ? "png" : "jpg";
                ImageIO.write(img, format, folder.resolve(String.format("%03d.%s", i, format)).toFile());
            }
        }
        return dir;
    }
}

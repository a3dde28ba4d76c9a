package dln.core.protocol;

import dln.core.data.CsvDatasets;
import dln.core.data.CsvTable;
import dln.core.data.Preprocessing;
import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.ImageFolder;
import dln.core.data.CsvSchema;
import dln.core.data.TabularData;
import dln.core.data.Mnist;
import dln.core.data.MnistSetup;
import dln.core.data.NamedDatasets;
import dln.core.data.Partitions;
import dln.core.data.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a client's data comes from, as written on its command line:
 * <ul>
 *   <li>{@code mnist:train:<partitioner>:<i>/<n>}: part i (1-based) of n of the MNIST training split,
 *       partitioner {@code iid}, {@code dirichlet:<alpha>}, {@code shards:<k>} or {@code quantity:<beta>};</li>
 *   <li>{@code mnist:validation} / {@code mnist:test}: the shared seeded validation and test splits;</li>
 *   <li>the same forms for the other named datasets ({@link NamedDatasets}):
 *       {@code breast-cancer:train:iid:1/4}, {@code digits:validation}, ...;</li>
 *   <li>a CSV file path (features then a {@code label} column, with a header);</li>
 *   <li>{@code images:<folder>}: a folder with one sub-folder of PNG/JPEG images per class
 *       ({@link ImageFolder}), all of it, or {@code images:<folder>:validation}, {@code :test},
 *       {@code :train:<partitioner>:<i>/<n>} for its seeded split (20 % validation, 20 % test, as
 *       the small named datasets).</li>
 * </ul>
 * Every named form uses its dataset's seeded split (MNIST: 10% validation, 20% test), so
 * publisher, providers and benchmarks agree on which example is where.
 *
 * <p>A model whose training recipe carries a preprocessing ({@link #load(String, long, Preprocessing)})
 * has a CSV file read through it: the recipe names the target and the feature columns and holds
 * the statistics fitted on the publisher's training split, which this provider applies unchanged
 * (it fits nothing). A named tabular dataset is prepared the same way by everyone from the seed;
 * its statistics must then be the recipe's, or the data is refused.
 */
public final class DataSource {

    private DataSource() {}

    /** Loads the data a spec names; IllegalArgumentException for a malformed spec, NoSuchFileException for a missing file. */
    public static Dataset load(final String spec, final long seed) throws IOException {
        return load(spec, seed, null);
    }

    /**
     * Loads the data a spec names through a model recipe's {@code preprocessing} (null: the recipe
     * has none, a CSV file has a {@code label} column and ten classes).
     *
     * @throws IllegalArgumentException for a malformed spec, or a named dataset prepared otherwise than the recipe says
     * @throws NoSuchFileException for a missing file
     * @throws dln.core.data.CsvFormatException naming every cell the recipe cannot read, by line and column
     */
    public static Dataset load(final String spec, final long seed, final Preprocessing preprocessing) throws IOException {
        if (spec.startsWith(IMAGES)) {
            if (preprocessing == null || preprocessing.image() == null) {
                throw new IllegalArgumentException("'" + spec + "': the model's recipe does not read image folders (it has no image preprocessing);"
                        + " give the data the model was published with");
            }
            final ImagesSpec images = ImagesSpec.parse(spec);
            final Dataset all = ImageFolder.read(images.folder(), preprocessing.classes(), preprocessing.image());
            return images.part() == null ? all : part(Splits.split(all, 0.2, 0.2, seed), spec, "images:<folder>", images.part(), seed);
        }
        final int named = spec.indexOf(':');
        final String name = named < 0 ? "" : spec.substring(0, named);
        if (!NamedDatasets.names().contains(name)) {
            final Path file = Path.of(spec);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(spec, null, "no such data file; give a CSV path, images:<folder> or mnist:train:iid:1/4");
            }
            return preprocessing == null ? CsvDatasets.load(file, "label", 10) : preprocessing.apply(CsvTable.read(file));
        }
        final DataSplit split;
        if (NamedDatasets.MNIST.equals(name)) {
            if (preprocessing != null) {
                throw new IllegalArgumentException("'" + spec + "': the model's recipe preprocesses tabular rows (target '" + preprocessing.target()
                        + "'); MNIST's pixels are features already: give the CSV the model was made for");
            }
            split = mnistSplit(seed);
        } else {
            final NamedDatasets.Loaded loaded = NamedDatasets.load(name, DataCache.fromEnvironment(), seed);
            if (preprocessing != null && !loaded.preprocessing().orElseThrow().equals(preprocessing)) {
                throw new IllegalArgumentException("'" + spec + "' prepared with seed " + seed + " is not normalised as the model's recipe says"
                        + " (its statistics come from another training split): use the publisher's --seed");
            }
            split = loaded.split();
        }
        return part(split, spec, name, spec.substring(named + 1), seed);
    }

    /** The part {@code rest} ({@code validation}, {@code test}, {@code train:<partitioner>:<i>/<n>}) of a seeded split. */
    private static Dataset part(final DataSplit split, final String spec, final String name, final String rest, final long seed) {
        if (rest.equals("validation")) {
            return split.validation();
        }
        if (rest.equals("test")) {
            return split.test();
        }
        if (!rest.startsWith("train:")) {
            throw new IllegalArgumentException("unknown data '" + spec + "'; use <dataset>:train:<iid|dirichlet:a|shards:k|quantity:b>:<i>/<n>, <dataset>:validation, <dataset>:test (datasets: "
                    + String.join(", ", NamedDatasets.names()) + "), images:<folder>[:validation|:test|:train:...] or a CSV path");
        }
        final String body = rest.substring("train:".length());
        final int slash = body.lastIndexOf('/');
        final int colon = body.lastIndexOf(':', slash);
        if (slash < 0 || colon < 0) {
            throw new IllegalArgumentException("'" + spec + "' needs a part, e.g. " + name + ":train:dirichlet:0.5:2/4");
        }
        final int part;
        final int parts;
        try {
            part = Integer.parseInt(body.substring(colon + 1, slash));
            parts = Integer.parseInt(body.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': the part must read i/n with whole numbers");
        }
        if (parts < 1 || part < 1 || part > parts) {
            throw new IllegalArgumentException("'" + spec + "': part " + part + " of " + parts + " does not exist");
        }
        final List<Dataset> all = Partitions.apply(split.train(), Partitions.parse(body.substring(0, colon)), parts, seed);
        return all.get(part - 1);
    }

    /** The prefix of an image folder's spec. */
    public static final String IMAGES = "images:";

    /** {@code images:<folder>[:<part>]} read: the folder and the part (null: all of it). */
    private record ImagesSpec(Path folder, String part) {
        static ImagesSpec parse(final String spec) {
            final String body = spec.substring(IMAGES.length());
            if (body.isEmpty()) {
                throw new IllegalArgumentException("'" + spec + "' names no folder; give images:<folder>, e.g. images:pets or images:pets:train:iid:1/4");
            }
            // The part is what follows the last ':validation', ':test' or ':train:' (a folder name may hold a colon).
            for (final String p : List.of(":validation", ":test")) {
                if (body.endsWith(p)) {
                    return new ImagesSpec(Path.of(body.substring(0, body.length() - p.length())), p.substring(1));
                }
            }
            final int train = body.lastIndexOf(":train:");
            return train < 0 ? new ImagesSpec(Path.of(body), null) : new ImagesSpec(Path.of(body.substring(0, train)), body.substring(train + 1));
        }
    }

    /**
     * What a publisher's validation data and the recipe's preprocessing are.
     *
     * @param data          the examples the committee's fragments are cut from
     * @param preprocessing how the raw data became features, for the recipe (empty: MNIST, a plain CSV)
     */
    public record Prepared(Dataset data, java.util.Optional<Preprocessing> preprocessing) {
    }

    /**
     * A publisher's validation data with the preprocessing every provider will apply:
     * <ul>
     *   <li>a named dataset: its seeded part, with a tabular set's preprocessing fitted on its training split;</li>
     *   <li>{@code images:<folder>[:<part>]}: the images resized to {@code input} ([channels, height, width], the
     *       model's), the classes being the folder's sorted sub-folder names;</li>
     *   <li>a CSV with a {@code schema}: the table split seeded as the small named datasets (20 % validation,
     *       20 % test), the preprocessing fitted on the training rows alone, the validation rows returned;</li>
     *   <li>a CSV without one: a {@code label} column and ten classes, no preprocessing.</li>
     * </ul>
     *
     * @param schema null, or the CSV's schema (refused for anything but a CSV)
     * @param input  the model's input, for an image folder (else unused; null when unknown)
     */
    public static Prepared prepare(final String spec, final long seed, final CsvSchema schema, final List<Integer> input) throws IOException {
        final int named = spec.indexOf(':');
        final boolean isNamed = NamedDatasets.names().contains(named < 0 ? "" : spec.substring(0, named));
        if (schema != null && (isNamed || spec.startsWith(IMAGES))) {
            throw new IllegalArgumentException("a CSV schema is for a CSV file; '" + spec + "' is " + (isNamed ? "a named dataset" : "an image folder"));
        }
        if (spec.startsWith(IMAGES)) {
            if (input == null) {
                throw new IllegalArgumentException("'" + spec + "': image folders need a model whose input is [channels, height, width] (lenet, cifar, a spec)");
            }
            final ImageFolder.Shape shape = ImageFolder.Shape.of(input);
            final Preprocessing pre = Preprocessing.images(ImageFolder.classes(ImagesSpec.parse(spec).folder()), shape);
            return new Prepared(load(spec, seed, pre), java.util.Optional.of(pre));
        }
        if (schema != null) {
            requireFile(spec);
            final TabularData.Prepared p = TabularData.prepare(CsvTable.read(Path.of(spec)), schema, 0.2, 0.2, seed);
            return new Prepared(p.split().validation(), java.util.Optional.of(p.preprocessing()));
        }
        return new Prepared(load(spec, seed), preprocessing(spec, seed));
    }

    /**
     * What keeps a provider's {@code data} (as its command line named it, {@code spec}) from training
     * a model of {@code plan}, in one line naming the data, or empty: its features are not the
     * model's inputs (an image folder's shape is the recipe's, checked with the recipe), its classes
     * not the model's. Checked before any training.
     */
    public static java.util.Optional<String> misfit(final String spec, final Dataset data, final dln.core.model.ArchitecturePlan plan) {
        return plan.misfit(data.numFeatures(), data.numClasses(), "the data").map(why -> spec + ": " + why);
    }

    /** Refuses a spec naming a missing file before anything else is done (nothing is read). */
    public static void requireFile(final String spec) throws NoSuchFileException {
        if (spec.startsWith(IMAGES)) {
            final Path folder = ImagesSpec.parse(spec).folder();
            if (!Files.isDirectory(folder)) {
                throw new NoSuchFileException(folder.toString(), null, "no such image folder");
            }
            return;
        }
        final int named = spec.indexOf(':');
        if (!NamedDatasets.names().contains(named < 0 ? "" : spec.substring(0, named)) && !Files.isRegularFile(Path.of(spec))) {
            throw new NoSuchFileException(spec, null, "no such data file; give a CSV path, images:<folder> or mnist:train:iid:1/4");
        }
    }

    /**
     * The preprocessing a named tabular dataset's rows went through, fitted on its seeded training
     * split (what a publisher puts into the recipe); empty for MNIST and for a CSV file.
     */
    public static java.util.Optional<Preprocessing> preprocessing(final String spec, final long seed) throws IOException {
        final int named = spec.indexOf(':');
        final String name = named < 0 ? "" : spec.substring(0, named);
        if (!NamedDatasets.names().contains(name) || NamedDatasets.MNIST.equals(name)) {
            return java.util.Optional.empty();
        }
        return NamedDatasets.load(name, DataCache.fromEnvironment(), seed).preprocessing();
    }

    private static DataSplit mnistSplit(final long seed) throws IOException {
        final DataCache cache = DataCache.fromEnvironment();
        if (!Mnist.isAvailable(cache)) {
            if (!Files.isRegularFile(cache.mnistTarball())) {
                throw new NoSuchFileException(cache.mnistTarball().toString(), null, "MNIST is not set up; run ./dln setup");
            }
            try {
                MnistSetup.ensure(cache);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted preparing MNIST", e);
            }
        }
        return Splits.split(Mnist.load(cache), 0.1, 0.2, seed);
    }
}

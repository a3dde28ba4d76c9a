package dln.session.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real client jars as separate processes, as a user would. */
final class Cli {

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private final Path root;
    private final Path profile;

    Cli(final Path root, final Path profile) {
        this.root = root;
        this.profile = profile;
    }

    Path jar(final String client) {
        return root.resolve(client + "-client/target/dln-" + client + ".jar");
    }

    ProcessBuilder builder(final String client, final String... args) {
        final List<String> cmd = new ArrayList<>(List.of("java", "-Xmx2g", "-jar", jar(client).toString()));
        cmd.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("DLN_PROFILE", profile.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb;
    }

    Result run(final String client, final String... args) throws IOException, InterruptedException {
        final File out = File.createTempFile("dln-cli", ".out");
        final File err = File.createTempFile("dln-cli", ".err");
        final Process p = builder(client, args).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(client + " " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        final Result r = new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        out.delete();
        err.delete();
        return r;
    }

    String sh(final String script) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder("bash", "-c", script).directory(root.toFile()).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed: " + out);
        }
        return out;
    }

    long height() throws IOException, InterruptedException {
        final String info = sh("eval \"$(network/network.sh env org1)\" && peer channel getinfo -c learning");
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"height\":(\\d+)").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no height in " + info);
        }
        return Long.parseLong(m.group(1));
    }

    /** A condition an IT waits on while the network works. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code c} every 200 ms for up to 3 minutes; fails naming {@code what}. */
    static void waitFor(final Check c, final String what) throws Exception {
        final long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!c.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}

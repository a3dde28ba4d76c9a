package dln.core.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the running network of this clone and drives its scripts and CLIs from tests. */
final class NetworkFixture {

    final Path root;
    final ConnectionProfile profile;

    NetworkFixture() {
        this.root = findRoot();
        this.profile = ConnectionProfile.load(root.resolve(".dln/connection.json"));
    }

    private static Path findRoot() {
        final String env = System.getenv("DLN_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("network/network.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (network/network.sh)");
        }
        return p;
    }

    /** Runs a shell snippet in the repository root; returns its stdout, failing on a non-zero exit. */
    String sh(final String script) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(List.of("bash", "-c", script))
                .directory(root.toFile()).redirectErrorStream(false).start();
        final byte[] out = p.getInputStream().readAllBytes();
        final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("`" + script + "` failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Runs the official peer CLI as ORG's admin. */
    String peerCli(final String org, final String args) throws IOException, InterruptedException {
        return sh("eval \"$(network/network.sh env " + org + ")\" && peer " + args);
    }

    long height(final String org) throws IOException, InterruptedException {
        final String info = peerCli(org, "channel getinfo -c " + profile.channel());
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"height\":(\\d+)").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no height in: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    long pid(final String process) throws IOException {
        return Long.parseLong(Files.readString(root.resolve(".dln/pids/" + process + ".pid")).trim());
    }
}

package dln.bench.ipfs;

import dln.bench.Table;
import dln.ipfs.AddResult;
import dln.ipfs.KuboClient;
import dln.ipfs.cid.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Storage benchmark (issue 5): add and cat throughput of {@link KuboClient} beside the
 * {@code ipfs} CLI and {@code cp} on the same disk, for 10 MB and 200 MB files, as a printed
 * table with ratios against the targets (client at least 0.9x the CLI and 0.5x {@code cp}).
 *
 * <p>Every timed add uploads fresh random content, since re-adding known blocks is nearly free;
 * client and CLI runs alternate so that drift on a shared machine hits both alike; the median
 * of the runs is reported. "cat" writes the file to disk in all three columns ({@code cp}
 * copies it, the CLI runs {@code ipfs cat CID > file}, the client uses
 * {@link KuboClient#fetchToFile}, which also verifies the CID).
 *
 * <p>Options: {@link IpfsBenchCommand} ({@code ./dln bench ipfs --help}).
 */
final class IpfsBench {
    private static final double MB = 1_000_000.0;

    private final KuboClient client;
    private final String ipfsBin;
    private final String apiMultiaddr;
    private final Path dir;
    private final int runs;
    private final List<Cid> added = new ArrayList<>();
    private long seed = 1;

    private IpfsBench(KuboClient client, String ipfsBin, Path dir, int runs) {
        this.client = client;
        this.ipfsBin = ipfsBin;
        URI api = client.apiBase();
        String host = api.getHost().replace("[", "").replace("]", "");
        String proto = host.matches("[0-9.]+") ? "ip4" : host.contains(":") ? "ip6" : "dns";
        this.apiMultiaddr = "/" + proto + "/" + host + "/tcp/" + api.getPort();
        this.dir = dir;
        this.runs = runs;
    }

    /** One measured operation: median seconds over the runs. */
    private record Timing(double seconds) {
        double mbPerSecond(long bytes) {
            return bytes / MB / seconds;
        }
    }

    /** Results for one file size. */
    private record Row(long bytes, Timing clientAdd, Timing cliAdd, Timing clientCat, Timing cliCat, Timing cp) {
    }

    /**
     * Runs the benchmark and prints the table; what it added is unpinned and its files removed at the end.
     *
     * @param api the node's RPC API
     * @param bin the ipfs CLI to compare with
     * @param parent where the test files go (a fresh folder inside it)
     * @param runs timed runs per size; the median is shown
     * @param sizes file sizes in bytes
     * @throws Exception if the node or the CLI fails
     */
    static void run(String api, String bin, Path parent, int runs, long[] sizes) throws Exception {
        Path work = Files.createTempDirectory(parent, "dln-ipfs-bench");
        IpfsBench bench = new IpfsBench(KuboClient.builder(api).build(), bin, work, runs);
        try {
            bench.run(sizes);
        } finally {
            bench.cleanUp();
        }
    }

    private void run(long[] sizes) throws Exception {
        String version = client.version().version();
        String cliVersion = exec(List.of(ipfsBin, "version", "--number"), null).trim();
        // Warm up, untimed: a participant's client lives for a whole session, so its steady
        // state (JIT-compiled paths, open connections) is what compares with the Go CLI.
        for (int i = 0; i < 5; i++) {
            Path warm = randomFile(20_000_000);
            Cid cid = clientAdd(warm);
            client.fetchToFile(cid, dir.resolve("warm.out"));
            Files.delete(warm);
        }
        Files.deleteIfExists(dir.resolve("warm.out"));
        List<Row> rows = new ArrayList<>();
        for (long size : sizes) {
            rows.add(measure(size));
        }
        print(version, cliVersion, rows);
    }

    private Row measure(long size) throws Exception {
        double[] clientAdd = new double[runs];
        double[] cliAdd = new double[runs];
        double[] clientCat = new double[runs];
        double[] cliCat = new double[runs];
        double[] cp = new double[runs];
        for (int r = 0; r < runs; r++) {
            Path a = randomFile(size);
            Path b = randomFile(size);
            // Alternate who goes first so neither always meets a warmer or colder machine.
            boolean clientFirst = r % 2 == 0;
            Cid ca = null;
            Cid cb = null;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == clientFirst) {
                    long t0 = System.nanoTime();
                    ca = clientAdd(a);
                    clientAdd[r] = seconds(t0);
                } else {
                    long t0 = System.nanoTime();
                    cb = cliAdd(b);
                    cliAdd[r] = seconds(t0);
                }
            }
            Path out = dir.resolve("out");
            for (int turn = 0; turn < 3; turn++) {
                int who = (turn + r) % 3;
                Files.deleteIfExists(out);
                long t0 = System.nanoTime();
                switch (who) {
                    case 0 -> client.fetchToFile(ca, out);
                    case 1 -> exec(List.of(ipfsBin, "--api=" + apiMultiaddr, "cat", cb.toString()), out);
                    default -> exec(List.of("cp", a.toString(), out.toString()), null);
                }
                double s = seconds(t0);
                if (Files.size(out) != size) {
                    throw new IOException("output of " + who + " has " + Files.size(out) + " bytes, expected " + size);
                }
                switch (who) {
                    case 0 -> clientCat[r] = s;
                    case 1 -> cliCat[r] = s;
                    default -> cp[r] = s;
                }
            }
            Files.deleteIfExists(out);
            Files.delete(a);
            Files.delete(b);
            // Per-run detail on stderr: on a shared machine the spread matters as much as the median.
            System.err.printf(Locale.ROOT, "%.0f MB run %d: add client %.3f s, CLI %.3f s; cat client %.3f s, CLI %.3f s; cp %.3f s%n",
                    size / MB, r + 1, clientAdd[r], cliAdd[r], clientCat[r], cliCat[r], cp[r]);
        }
        return new Row(size, median(clientAdd), median(cliAdd), median(clientCat), median(cliCat), median(cp));
    }

    private Cid clientAdd(Path file) throws IOException {
        AddResult r = client.add(file);
        added.add(r.cid());
        return r.cid();
    }

    private Cid cliAdd(Path file) throws IOException, InterruptedException {
        String out = exec(List.of(ipfsBin, "--api=" + apiMultiaddr, "add", "-Q", "--cid-version=1", "--raw-leaves",
                "--pin=true", file.toString()), null).trim();
        Cid cid = Cid.parse(out);
        added.add(cid);
        return cid;
    }

    /** Runs a command; stdout goes to {@code stdoutFile} if given, else is returned. */
    private static String exec(List<String> command, Path stdoutFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Path err = Files.createTempFile("dln-bench", ".err");
        pb.redirectError(err.toFile());
        if (stdoutFile != null) {
            pb.redirectOutput(stdoutFile.toFile());
        }
        Process p = pb.start();
        String out = "";
        if (stdoutFile == null) {
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        int code = p.waitFor();
        String errText = Files.readString(err);
        Files.delete(err);
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code + ": " + errText.strip());
        }
        return out;
    }

    private Path randomFile(long size) throws IOException {
        Path f = dir.resolve("in-" + seed);
        SplittableRandom random = new SplittableRandom(seed++ * 0x9E3779B97F4A7C15L);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8 && i + k < buffer.length; k++) {
                        buffer[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                int n = (int) Math.min(left, buffer.length);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return f;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Timing median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return new Timing(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
    }

    private void print(String version, String cliVersion, List<Row> rows) {
        System.out.printf(Locale.ROOT, "IPFS storage benchmark: Kubo %s at %s (CLI %s), files in %s, median of %d runs"
                + " after a 100 MB client warm-up; load average %.2f at the end%n", version, client.apiBase(), cliVersion, dir, runs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Table t = new Table("Throughput in MB/s (1 MB = 10^6 bytes); targets: client >= 0.90x CLI, >= 0.50x cp",
                "size", "op", "client", "ipfs CLI", "cp", "client/CLI", "client/cp");
        for (Row r : rows) {
            t.row(line(r.bytes(), "add", r.clientAdd(), r.cliAdd(), r.cp()));
            t.row(line(r.bytes(), "cat", r.clientCat(), r.cliCat(), r.cp()));
        }
        t.print();
    }

    private static Object[] line(long bytes, String op, Timing client, Timing cli, Timing cp) {
        double c = client.mbPerSecond(bytes);
        double l = cli.mbPerSecond(bytes);
        double p = cp.mbPerSecond(bytes);
        return new Object[]{Table.f("%.0f MB", bytes / MB), op, Table.f("%.1f", c), Table.f("%.1f", l), Table.f("%.1f", p),
            Table.f("%.2fx %s", c / l, c / l >= 0.9 ? "ok" : "MISSED"), Table.f("%.2fx %s", c / p, c / p >= 0.5 ? "ok" : "MISSED")};
    }

    private void cleanUp() {
        for (Cid cid : added) {
            try {
                client.pinRm(cid);
            } catch (IOException e) {
                // Already unpinned (the same content twice) or the node went away: nothing to undo.
            }
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}

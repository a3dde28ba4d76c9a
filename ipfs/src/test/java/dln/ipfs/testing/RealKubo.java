package dln.ipfs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.RetryPolicy;
import dln.ipfs.transport.ApiAddress;
import dln.ipfs.transport.KuboTransport;
import dln.ipfs.transport.Timeouts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Kubo node for integration tests: {@code DLN_IPFS_API} (default
 * http://127.0.0.1:5001) and the {@code ipfs} CLI from {@code DLN_IPFS_BIN} (default
 * {@code ipfs} on PATH), pointed at the same node.
 */
public final class RealKubo {
    private RealKubo() {
    }

    /** @return the node's API base */
    public static URI api() {
        String address = System.getenv(ApiAddress.ENV);
        return ApiAddress.parse(address == null || address.isBlank() ? ApiAddress.DEFAULT : address);
    }

    /** @return a transport to the node with the client's default timeouts, find timeout {@code find} */
    public static KuboTransport transport(Duration find) {
        return new KuboTransport(api(), new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), find,
                Duration.ofMinutes(30)), RetryPolicy.DEFAULT);
    }

    /** Runs the CLI against the node and returns what it printed, failing the test if it fails. */
    public static String cli(String... args) throws IOException, InterruptedException {
        URI api = api();
        String host = api.getHost();
        String proto = host.matches("[0-9.]+") ? "ip4" : host.startsWith("[") ? "ip6" : "dns";
        List<String> command = new ArrayList<>();
        command.add(System.getenv().getOrDefault("DLN_IPFS_BIN", "ipfs"));
        command.add("--api=/" + proto + "/" + host.replace("[", "").replace("]", "") + "/tcp/" + api.getPort());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ipfs CLI finished");
        assertEquals(0, p.exitValue(), "ipfs CLI failed: " + out);
        return out;
    }
}

package dln.ipfs;

import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.Reads;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.testing.Transports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade: every public method reaches its command, and every builder setting reaches the
 * layer that uses it. What each command and the transport do is tested with them.
 */
class KuboClientTest {
    private FakeKubo kubo;
    private KuboClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        client = KuboClient.builder(kubo.address()).retryPolicy(Transports.FAST).requestTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    /** A node that keeps what is added and serves it back. */
    private Map<Cid, byte[]> storingNode() {
        Map<Cid, byte[]> stored = new ConcurrentHashMap<>();
        kubo.on("add", (r, n, ex) -> {
            byte[] file = FakeKubo.filePart(r);
            stored.put(FileCids.of(file), file);
            FakeKubo.honestAdd(r, n, ex);
        });
        kubo.on("cat", (r, n, ex) -> {
            Cid cid = Cid.parse(r.query().replaceAll("^arg=([^&]+).*$", "$1"));
            reply(ex, 200, stored.get(cid));
        });
        return stored;
    }

    @Test
    void everyMethodReachesItsCommand() throws IOException {
        Map<Cid, byte[]> stored = storingNode();
        byte[] content = SeededBytes.bytes(1, 700_000);
        Path file = Files.write(dir.resolve("w.bin"), content);
        Cid cid = FileCids.of(content);

        assertEquals(new AddResult(cid, content.length, true), client.add(file));
        assertEquals(new AddResult(cid, content.length, false), client.add(file, false));
        List<Long> progress = new CopyOnWriteArrayList<>();
        assertEquals(cid, client.add(file, true, (bytes, total) -> progress.add(bytes)).cid());
        assertEquals(content.length, progress.get(progress.size() - 1));
        byte[] blob = SeededBytes.bytes(2, 1000);
        assertEquals(new AddResult(FileCids.of(blob), 1000, false), client.add(new ByteArrayInputStream(blob), "b", false));
        assertEquals(2, stored.size());
        assertTrue(kubo.requests("add").get(1).query().contains("pin=false"));

        try (InputStream in = client.cat(cid)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        Path copy = dir.resolve("copy.bin");
        assertEquals(content.length, client.fetchToFile(cid, copy));
        assertArrayEquals(content, Files.readAllBytes(copy));

        kubo.on("files/stat", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"" + cid
                + "\",\"Size\":700000,\"CumulativeSize\":700142,\"Blocks\":3,\"Type\":\"file\"}"));
        assertEquals(new ObjectStat(cid, 700_000, 700_142, 3, "file"), client.stat(cid));
        kubo.on("pin/add", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));
        client.pinAdd(cid);
        client.pinRm(cid);
        assertEquals(1, kubo.requests("pin/add").size());
        assertEquals(1, kubo.requests("pin/rm").size());
        kubo.on("version", (r, n, ex) -> reply(ex, 200, "{\"Version\":\"0.42.0\"}"));
        assertEquals("0.42.0", client.version().version());
        kubo.on("id", (r, n, ex) -> reply(ex, 200, "{\"ID\":\"12D3KooW\",\"Addresses\":[]}"));
        assertEquals("12D3KooW", client.id().peerId());
    }

    @Test
    void addressesAndDefaults() {
        assertEquals("DLN_IPFS_API", KuboClient.API_ENV);
        assertEquals("http://127.0.0.1:5001", KuboClient.DEFAULT_API);
        KuboClient c = KuboClient.builder("/ip4/127.0.0.1/tcp/15001").build();
        assertEquals(URI.create("http://127.0.0.1:15001"), c.apiBase());
        assertEquals(ImportLayout.KUBO_DEFAULT, c.layout());
        assertEquals("KuboClient[http://127.0.0.1:15001]", c.toString());
        String env = System.getenv(KuboClient.API_ENV);
        assertEquals(URI.create(env == null || env.isBlank() ? KuboClient.DEFAULT_API : env.replaceAll("/$", "")),
                KuboClient.fromEnvironment().apiBase());
        assertThrows(IllegalArgumentException.class, () -> KuboClient.builder("127.0.0.1:5001"));
    }

    @Test
    void builderRejectsWhatCannotWork() {
        KuboClient.Builder b = KuboClient.builder("http://h:1");
        List<Consumer<Duration>> timeouts = List.of(b::connectTimeout, b::requestTimeout, b::findTimeout, b::transferTimeout);
        for (Consumer<Duration> setter : timeouts) {
            for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
                assertThrows(IllegalArgumentException.class, () -> setter.accept(bad));
            }
        }
        assertThrows(NullPointerException.class, () -> b.retryPolicy(null));
        assertThrows(NullPointerException.class, () -> b.layout(null));
    }

    @Test
    void retryPolicyReachesTheTransport() {
        kubo.on("version", (r, n, ex) -> reply(ex, 503, "busy"));
        assertThrows(IpfsUnavailableException.class, client::version);
        assertEquals(3, kubo.requests("version").size());
        KuboClient once = KuboClient.builder(kubo.address()).retryPolicy(RetryPolicy.NONE).build();
        assertThrows(IpfsUnavailableException.class, once::version);
        assertEquals(4, kubo.requests("version").size());
    }

    @Test
    void findTimeoutReachesCatAndFetch() {
        Cid cid = FileCids.of(new byte[] {3});
        kubo.on("cat", (r, n, ex) -> {
            FakeKubo.sleep(3000);
            reply(ex, 200, new byte[] {3});
        });
        KuboClient impatient = KuboClient.builder(kubo.address()).retryPolicy(Transports.FAST)
                .findTimeout(Duration.ofMillis(300)).build();
        assertEquals(cid, assertThrows(ContentNotFoundException.class, () -> impatient.cat(cid)).cid());
        assertThrows(ContentNotFoundException.class, () -> impatient.fetchToFile(cid, dir.resolve("f")));
        assertEquals(2, kubo.requests("cat").size(), "no retry");
    }

    @Test
    void requestTimeoutBoundsIdleReads() throws IOException {
        byte[] content = SeededBytes.bytes(16, 100_000);
        CountDownLatch release = new CountDownLatch(1);
        kubo.on("cat", FakeKubo.stallingAfter(content, 1000, release));
        KuboClient impatient = KuboClient.builder(kubo.address()).retryPolicy(RetryPolicy.NONE)
                .requestTimeout(Duration.ofMillis(300)).build();
        try {
            IOException e = Reads.drain(impatient.cat(FileCids.of(content)), new ByteArrayOutputStream(), 65_536);
            IpfsUnavailableException stalled = assertInstanceOf(IpfsUnavailableException.class, e);
            assertTrue(stalled.getMessage().contains("no data from the node"), stalled.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void layoutReachesAddAndVerification() throws IOException {
        storingNode();
        ImportLayout big = new ImportLayout(1 << 20, 174);
        KuboClient c = KuboClient.builder(kubo.address()).layout(big).build();
        assertEquals(big, c.layout());
        byte[] content = SeededBytes.bytes(5, 3_000_000);
        Path file = Files.write(dir.resolve("w.bin"), content);
        // The fake hashes with Kubo's default layout, so the node "ignored" the client's layout.
        CidMismatchException e = assertThrows(CidMismatchException.class, () -> c.add(file));
        assertEquals(FileCids.of(content), e.actual());
        assertTrue(kubo.requests("add").get(0).query().contains("chunker=size-1048576"));
    }

    @Test
    void refusedConnectionIsRetriedThenReportedWithAdvice() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KuboClient nowhere = KuboClient.builder("/ip4/127.0.0.1/tcp/" + port).retryPolicy(Transports.FAST).build();
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class, nowhere::version);
        assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
        assertTrue(e.getMessage().contains(KuboClient.API_ENV), e.getMessage());
    }
}

package dln.ipfs.transport;

import static dln.ipfs.testing.FakeKubo.kuboError;
import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.RetryPolicy;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.testing.Transports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KuboTransportTest {
    private static final String VERSION = "{\"Version\":\"0.42.0\",\"Commit\":\"\",\"Repo\":\"18\",\"System\":\"amd64/linux\","
            + "\"Golang\":\"go1.26.8\"}";

    private FakeKubo kubo;
    private KuboTransport transport;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        transport = Transports.to(kubo);
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    private JsonObject version() throws IOException {
        return transport.retrying("version", () -> transport.call("version", "", transport.timeouts().request()));
    }

    // ---- calls ----------------------------------------------------------------------------

    @Test
    void callPostsToTheCommandAndReturnsTheAnswerObject() throws IOException {
        kubo.on("files/stat", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"x\",\"Size\":3}"));
        JsonObject o = transport.call("files/stat", "arg=%2Fipfs%2Fx", Duration.ofSeconds(5));
        assertEquals(3, o.get("Size").getAsInt());
        FakeKubo.Request r = kubo.requests("files/stat").get(0);
        assertEquals("POST", r.method());
        assertEquals("arg=%2Fipfs%2Fx", r.query());
        assertEquals(0, r.body().length);

        kubo.on("version", (r2, n, ex) -> reply(ex, 200, VERSION));
        transport.call("version", "", Duration.ofSeconds(5));
        assertEquals(null, kubo.requests("version").get(0).query(), "no empty query string");
    }

    @Test
    void nonJsonAnswerIsReportedClearly() {
        kubo.on("version", (r, n, ex) -> reply(ex, 200, "<html>hello</html>"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, this::version);
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertEquals(1, kubo.requests("version").size(), "not retried");
    }

    @Test
    void anErrorDocumentInAnOkAnswerIsARefusal() {
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 200, kuboError("not pinned")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class,
                () -> transport.call("pin/rm", "arg=x", Duration.ofSeconds(5)));
        assertEquals(200, e.httpStatus());
        assertEquals("not pinned", e.kuboMessage());
    }

    @Test
    void throwIfErrorOnlyTakesKubosErrorDocument() throws IpfsCommandException {
        JsonObject message = new JsonObject();
        message.addProperty("Message", "fine");
        transport.throwIfError("add", 200, message); // a Message without Type "error" is not one
        message.addProperty("Type", "error");
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.throwIfError("add", 200, message));
        assertTrue(e.getMessage().startsWith("add: Kubo at " + kubo.address() + " failed: fine"), e.getMessage());
    }

    // ---- error mapping and retries ---------------------------------------------------------

    @Test
    void transientServerErrorsAreRetried() throws IOException {
        kubo.on("version", (r, n, ex) -> reply(ex, n < 3 ? 503 : 200, n < 3 ? "busy" : VERSION));
        assertEquals("0.42.0", version().get("Version").getAsString());
        assertEquals(3, kubo.requests("version").size());
    }

    @Test
    void persistentServerErrorsExhaustTheRetriesThenReportUnavailable() {
        kubo.on("version", (r, n, ex) -> reply(ex, 502, "bad gateway"));
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class, this::version);
        assertEquals(3, kubo.requests("version").size());
        assertTrue(e.getMessage().contains("3 times") && e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void gatewayErrorsAreTransientEvenWithAKuboDocument() {
        kubo.on("version", (r, n, ex) -> reply(ex, 504, kuboError("timeout")));
        assertThrows(IpfsUnavailableException.class, this::version);
        assertEquals(3, kubo.requests("version").size());
    }

    @Test
    void serverErrorWithoutKuboDocumentIsRetried() {
        kubo.on("version", (r, n, ex) -> reply(ex, 500, "<html>proxy error</html>"));
        assertThrows(IpfsUnavailableException.class, this::version);
        assertEquals(3, kubo.requests("version").size());
    }

    @Test
    void kuboCommandErrorsAreNotRetried() {
        kubo.on("version", (r, n, ex) -> reply(ex, 500, kuboError("not pinned or pinned indirectly")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, this::version);
        assertEquals(500, e.httpStatus());
        assertEquals("not pinned or pinned indirectly", e.kuboMessage());
        assertTrue(e.getMessage().contains("not pinned"), e.getMessage());
        assertEquals(1, kubo.requests("version").size());
    }

    @Test
    void clientErrorsAreNeverRetried() {
        kubo.on("version", (r, n, ex) -> reply(ex, 400, "{\"Message\":\"invalid path\",\"Code\":1,\"Type\":\"error\"}"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, this::version);
        assertEquals(400, e.httpStatus());
        assertEquals("invalid path", e.kuboMessage());
        assertEquals(1, kubo.requests("version").size());
        // Without Kubo's document the (abbreviated) body is the message.
        kubo.on("id", (r, n, ex) -> reply(ex, 403, "x".repeat(1000)));
        IpfsCommandException forbidden = assertThrows(IpfsCommandException.class,
                () -> transport.call("id", "", Duration.ofSeconds(5)));
        assertEquals(300, forbidden.kuboMessage().length());
        assertTrue(forbidden.getMessage().contains("API.Authorizations"), forbidden.getMessage());
    }

    @Test
    void wrongEndpointGetsAHint() {
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.call("id", "", Duration.ofSeconds(5)));
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains("port 5001"), e.getMessage());
    }

    @Test
    void refusedConnectionIsRetriedThenReportedWithAdvice() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KuboTransport nowhere = new KuboTransport(URI.create("http://127.0.0.1:" + port), Transports.timeouts(),
                Transports.FAST);
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class,
                () -> nowhere.retrying("version", () -> nowhere.call("version", "", Duration.ofSeconds(5))));
        assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
        assertTrue(e.getMessage().contains(ApiAddress.ENV), e.getMessage());
        assertTrue(e.getCause() instanceof ConnectException, String.valueOf(e.getCause()));
    }

    // ---- content ----------------------------------------------------------------------------

    @Test
    void findHandsBackTheAnswerBody() throws IOException {
        byte[] content = SeededBytes.bytes(1, 3_000_000);
        kubo.on("cat", (r, n, ex) -> reply(ex, 200, content));
        Cid cid = FileCids.of(content);
        try (ResponseStream in = transport.find("cat", "arg=" + cid, cid)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void contentNotFoundInTimeIsReportedOnceWithoutRetrying() {
        Cid cid = FileCids.of(new byte[] {7});
        kubo.on("cat", (r, n, ex) -> {
            FakeKubo.sleep(3000);
            reply(ex, 200, new byte[] {7});
        });
        KuboTransport impatient = Transports.to(kubo, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMillis(300), Duration.ofMinutes(1)), Transports.FAST);
        ContentNotFoundException e = assertThrows(ContentNotFoundException.class,
                () -> impatient.retrying("cat " + cid, () -> impatient.find("cat", "arg=" + cid, cid)));
        assertEquals(cid, e.cid());
        assertTrue(e.getCause() instanceof HttpTimeoutException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().startsWith("cat " + cid + ": the IPFS node found no content for it within"),
                e.getMessage());
        assertEquals(1, kubo.requests("cat").size());
    }

    @Test
    void findMapsRefusalsLikeAnyCall() {
        Cid cid = FileCids.of(new byte[1]);
        kubo.on("cat", (r, n, ex) -> reply(ex, 500, kuboError("block was not found locally")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.find("cat", "arg=" + cid, cid));
        assertEquals("block was not found locally", e.kuboMessage());
    }

    @Test
    void aNodeStallingMidBodyFailsTheReadInsteadOfHanging() throws IOException {
        byte[] content = SeededBytes.bytes(16, 100_000);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kubo.on("cat", FakeKubo.stallingAfter(content, 1000, release));
        KuboTransport impatient = Transports.to(kubo, new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(15), Duration.ofMinutes(1)), RetryPolicy.NONE);
        Cid cid = FileCids.of(content);
        try (ResponseStream in = impatient.find("cat", "arg=" + cid, cid)) {
            assertEquals(1000, in.readNBytes(1000).length);
            long t0 = System.nanoTime();
            IOException e = assertThrows(IOException.class, in::read);
            long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(e.getMessage().contains("no data from the node for 300 ms"), e.getMessage());
            // At the idle limit, not at some other bound (the find timeout here is 15 s).
            assertTrue(ms < 5000, "the stalled read ended after " + ms + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptEndsAReadTheNodeHoldsUp() throws Exception {
        byte[] content = SeededBytes.bytes(17, 100_000);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kubo.on("cat", FakeKubo.stallingAfter(content, 1000, release));
        Cid cid = FileCids.of(content);
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (ResponseStream in = transport.find("cat", "arg=" + cid, cid)) {
                in.readNBytes(1000);
                reading.countDown();
                in.read();
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        try {
            reader.start();
            assertTrue(reading.await(10, java.util.concurrent.TimeUnit.SECONDS));
            Thread.sleep(200);
            long t0 = System.nanoTime();
            reader.interrupt();
            Throwable t = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
            long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(t instanceof java.io.InterruptedIOException, String.valueOf(t));
            assertTrue(ms < 2000, "the read ended " + ms + " ms after the interrupt; the idle limit is 10 s");
        } finally {
            release.countDown();
        }
    }

    @Test
    void uploadSendsTheMultipartBodyAndReturnsTheWholeAnswer() throws IOException {
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Name\":\"a\"}\n{\"Hash\":\"b\"}\n"));
        byte[] content = SeededBytes.bytes(2, 1000);
        MultipartBody body = MultipartBody.ofStream(new ByteArrayInputStream(content), "w", ImportLayout.KUBO_DEFAULT);
        assertEquals("{\"Name\":\"a\"}\n{\"Hash\":\"b\"}\n", transport.upload("add", "pin=false", body));
        FakeKubo.Request r = kubo.requests("add").get(0);
        assertEquals(body.contentType(), r.contentType());
        assertEquals("pin=false", r.query());
        assertArrayEquals(content, FakeKubo.filePart(r));
        assertEquals(FileCids.of(content), body.cid());
    }

    @Test
    void uploadRefusedByTheNode() {
        kubo.on("add", (r, n, ex) -> reply(ex, 400, kuboError("unknown option")));
        MultipartBody body = MultipartBody.ofStream(new ByteArrayInputStream(new byte[1]), "w", ImportLayout.KUBO_DEFAULT);
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.upload("add", "", body));
        assertEquals("unknown option", e.kuboMessage());
    }

    @Test
    void describesItself() {
        assertEquals(URI.create(kubo.address()), transport.api());
        assertEquals(Transports.timeouts(), transport.timeouts());
        assertEquals("KuboTransport[" + kubo.address() + "]", transport.toString());
        assertThrows(IllegalArgumentException.class,
                () -> new Timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}

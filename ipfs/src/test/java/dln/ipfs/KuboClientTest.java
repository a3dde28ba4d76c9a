package dln.ipfs;

import static dln.ipfs.testing.FakeKubo.kuboError;
import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.SeededBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KuboClientTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private FakeKubo kubo;
    private KuboClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        client = KuboClient.builder(kubo.address()).retryPolicy(FAST).requestTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    /** Serves {@code content} for any cat. */
    private void serveCat(byte[] content) {
        kubo.on("cat", (r, n, ex) -> reply(ex, 200, content));
    }

    /** Reads everything, keeping what was delivered before a failure. */
    private static IOException drain(InputStream in, ByteArrayOutputStream delivered, int readSize) {
        byte[] buffer = new byte[readSize];
        try (in) {
            int n;
            while ((n = in.read(buffer, 0, readSize)) >= 0) {
                delivered.write(buffer, 0, n);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    // ---- cat and verification -------------------------------------------------------------

    @Test
    void catDeliversMatchingContent() throws IOException {
        byte[] content = SeededBytes.bytes(1, 700_000);
        Cid cid = FileCids.of(content);
        serveCat(content);
        try (InputStream in = client.cat(cid)) {
            assertArrayEquals(content, in.readAllBytes());
            assertEquals(-1, in.read(), "stays at the end");
        }
        assertTrue(kubo.requests("cat").get(0).query().contains("arg=" + cid));
        assertEquals("POST", kubo.requests("cat").get(0).method());
    }

    @Test
    void catOfContentTheNodeCannotFindFailsOnceWithoutRetrying() throws IOException {
        byte[] content = SeededBytes.bytes(3, 1000);
        Cid cid = FileCids.of(content);
        // Kubo looking for a block nobody has: no answer at all.
        kubo.on("cat", (r, n, ex) -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, content);
        });
        KuboClient impatient = KuboClient.builder(kubo.address()).retryPolicy(FAST).findTimeout(Duration.ofMillis(300)).build();

        ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> impatient.cat(cid));
        assertEquals(cid, e.cid());
        assertTrue(e.getMessage().contains(cid.toString()), e.getMessage());
        assertEquals(1, kubo.requests("cat").size(), "no retry");
        assertThrows(ContentNotFoundException.class, () -> impatient.fetchToFile(cid, dir.resolve("f")));
        assertEquals(2, kubo.requests("cat").size(), "no retry");
        assertFalse(Files.exists(dir.resolve("f")));
    }

    @Test
    void catAlteredContentFailsBeforeTheLastByte() throws IOException {
        for (int readSize : new int[] {1, 3, 65_536, 1 << 20}) {
            byte[] content = SeededBytes.bytes(2, 600_000);
            Cid cid = FileCids.of(content);
            byte[] altered = content.clone();
            altered[300_000] ^= 1;
            serveCat(altered);

            ByteArrayOutputStream delivered = new ByteArrayOutputStream();
            IOException failure = drain(client.cat(cid), delivered, readSize);
            CidMismatchException mismatch = assertInstanceOf(CidMismatchException.class, failure);
            assertEquals(cid, mismatch.expected());
            assertEquals(FileCids.of(altered), mismatch.actual());
            assertTrue(mismatch.getMessage().contains(cid.toString()), mismatch.getMessage());
            assertTrue(delivered.size() < content.length, "the last byte is withheld (read size " + readSize + ")");
        }
    }

    private static <T> T assertInstanceOf(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), "expected " + type.getSimpleName() + " but got " + value);
        return type.cast(value);
    }

    @Test
    void catTruncatedOrEmptiedContentFails() throws IOException {
        byte[] content = SeededBytes.bytes(3, 300_000);
        Cid cid = FileCids.of(content);
        serveCat(Arrays.copyOf(content, 262_144));
        assertInstanceOf(CidMismatchException.class, drain(client.cat(cid), new ByteArrayOutputStream(), 8192));
        serveCat(new byte[0]);
        assertInstanceOf(CidMismatchException.class, drain(client.cat(cid), new ByteArrayOutputStream(), 8192));
    }

    @Test
    void failedStreamKeepsFailing() throws IOException {
        byte[] content = SeededBytes.bytes(4, 1000);
        serveCat(SeededBytes.bytes(5, 1000));
        InputStream in = client.cat(FileCids.of(content));
        assertThrows(CidMismatchException.class, in::readAllBytes);
        assertThrows(CidMismatchException.class, in::read);
        in.close();
    }

    @Test
    void emptyFileVerifies() throws IOException {
        serveCat(new byte[0]);
        try (InputStream in = client.cat(FileCids.of(new byte[0]))) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void rawCidOfAnyBlockSizeVerifiesByPlainSha256() throws Exception {
        // A single 1 MiB raw block (added elsewhere with a larger chunker) is still verifiable.
        byte[] content = SeededBytes.bytes(6, 1 << 20);
        Cid raw = Cid.rawSha256(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        serveCat(content);
        try (InputStream in = client.cat(raw)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void singleByteReadsDeliverEverything() throws IOException {
        byte[] content = SeededBytes.bytes(7, 5000);
        serveCat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = client.cat(FileCids.of(content))) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
        }
        assertArrayEquals(content, out.toByteArray());
    }

    @Test
    void cidV0IsRefusedWithoutARequest() {
        Cid v0 = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.cat(v0));
        assertTrue(e.getMessage().contains("CIDv0"), e.getMessage());
        assertTrue(kubo.requests("cat").isEmpty());
    }

    @Test
    void largeContentThroughSmallAndLargeReads() throws IOException {
        // Enough network buffers to cycle the read-ahead window several times.
        byte[] content = SeededBytes.bytes(14, 8_000_000);
        Cid cid = FileCids.of(content);
        serveCat(content);
        for (int readSize : new int[] {7, 1 << 20}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
            assertEquals(null, drain(client.cat(cid), out, readSize));
            assertArrayEquals(content, out.toByteArray());
        }
    }

    @Test
    void connectionLostMidStreamFailsTheReadAndFetchStartsOver() throws IOException {
        byte[] content = SeededBytes.bytes(15, 2_000_000);
        Cid cid = FileCids.of(content);
        kubo.on("cat", (r, n, ex) -> {
            if (n <= 2) {
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content, 0, content.length / 2);
                ex.getResponseBody().flush();
                // Closing the exchange now cuts the body short of its announced length.
                throw new IOException("simulated crash mid-response");
            }
            reply(ex, 200, content);
        });
        IOException cut = drain(client.cat(cid), new ByteArrayOutputStream(), 65_536);
        IpfsUnavailableException lost = assertInstanceOf(IpfsUnavailableException.class, cut);
        assertTrue(lost.getMessage().contains("connection to the node lost"), lost.getMessage());

        Path target = dir.resolve("w.bin");
        assertEquals(content.length, client.fetchToFile(cid, target));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(3, kubo.requests("cat").size(), "one cut stream, one cut fetch attempt, one good attempt");
    }

    @Test
    void aNodeStallingMidBodyFailsTheReadInsteadOfHanging() throws IOException {
        byte[] content = SeededBytes.bytes(16, 100_000);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kubo.on("cat", (r, n, ex) -> {
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content, 0, 1000);
            ex.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test over");
        });
        KuboClient impatient = KuboClient.builder(kubo.address()).retryPolicy(RetryPolicy.NONE)
                .requestTimeout(Duration.ofMillis(300)).build();
        try {
            IOException e = drain(impatient.cat(FileCids.of(content)), new ByteArrayOutputStream(), 65_536);
            IpfsUnavailableException stalled = assertInstanceOf(IpfsUnavailableException.class, e);
            assertTrue(stalled.getMessage().contains("no data from the node"), stalled.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingAtTheExpectedLengthStillVerifies() throws IOException {
        byte[] content = SeededBytes.bytes(17, 500_000);
        Cid cid = FileCids.of(content);
        // Honest node, reader reads exactly the length it expects and closes without seeing -1.
        serveCat(content);
        try (InputStream in = client.cat(cid)) {
            assertArrayEquals(content, in.readNBytes(content.length));
        }
        // Forged content of the right length followed by more bytes: the reader gets its bytes,
        // but close reads on, reaches the end and reports the mismatch.
        byte[] forged = Arrays.copyOf(SeededBytes.bytes(18, 500_000), 500_100);
        serveCat(forged);
        InputStream in = client.cat(cid);
        in.readNBytes(content.length);
        assertThrows(CidMismatchException.class, in::close);
    }

    @Test
    void closingLongBeforeTheEndFails() throws IOException {
        byte[] content = SeededBytes.bytes(19, 2_000_000);
        serveCat(content);
        InputStream in = client.cat(FileCids.of(content));
        in.readNBytes(1000);
        IpfsException e = assertThrows(IpfsException.class, in::close);
        assertTrue(e.getMessage().contains("unverified"), e.getMessage());
        in.close(); // a second close is a no-op
    }

    // ---- fetchToFile ------------------------------------------------------------------------

    @Test
    void fetchToFileWritesVerifiedContent() throws IOException {
        byte[] content = SeededBytes.bytes(8, 900_000);
        serveCat(content);
        Path target = dir.resolve("weights.bin");
        assertEquals(content.length, client.fetchToFile(FileCids.of(content), target));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(1, listing().count(), "no temporary file left");
    }

    @Test
    void fetchToFileAcrossBufferBoundariesAndEmpty() throws IOException {
        // Exactly three copy buffers, then one more byte, then nothing at all.
        for (int length : new int[] {3 << 20, (3 << 20) + 1, 0}) {
            byte[] content = SeededBytes.bytes(21, length);
            serveCat(content);
            Path target = dir.resolve("f" + length);
            assertEquals(length, client.fetchToFile(FileCids.of(content), target));
            assertArrayEquals(content, Files.readAllBytes(target));
        }
    }

    @Test
    void fetchToFileNeverExposesMismatchingContent() throws IOException {
        byte[] content = SeededBytes.bytes(9, 900_000);
        byte[] altered = content.clone();
        altered[0] ^= (byte) 0xFF;
        serveCat(altered);
        Path target = dir.resolve("weights.bin");
        Files.writeString(target, "previous");
        assertThrows(CidMismatchException.class, () -> client.fetchToFile(FileCids.of(content), target));
        assertEquals("previous", Files.readString(target), "target untouched");
        assertEquals(1, listing().count(), "no temporary file left");
        assertEquals(1, kubo.requests("cat").size(), "a mismatch is not retried");
        // Truncated content is refused the same way.
        serveCat(Arrays.copyOf(content, 500_000));
        assertThrows(CidMismatchException.class, () -> client.fetchToFile(FileCids.of(content), target));
        assertEquals("previous", Files.readString(target));
    }

    private Stream<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        }
    }

    // ---- retries --------------------------------------------------------------------------

    @Test
    void transientServerErrorsAreRetried() throws IOException {
        kubo.on("version", (r, n, ex) -> {
            if (n < 3) {
                reply(ex, 503, "busy");
            } else {
                reply(ex, 200, "{\"Version\":\"0.42.0\",\"Commit\":\"\",\"Repo\":\"18\",\"System\":\"amd64/linux\","
                        + "\"Golang\":\"go1.26.8\"}");
            }
        });
        assertEquals(new NodeVersion("0.42.0", "", "18", "amd64/linux", "go1.26.8"), client.version());
        assertEquals(3, kubo.requests("version").size());
    }

    @Test
    void persistentServerErrorsExhaustTheRetriesThenReportUnavailable() {
        kubo.on("version", (r, n, ex) -> reply(ex, 502, "bad gateway"));
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class, client::version);
        assertEquals(3, kubo.requests("version").size());
        assertTrue(e.getMessage().contains("3 times") && e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void serverErrorWithoutKuboDocumentIsRetried() {
        kubo.on("pin/add", (r, n, ex) -> reply(ex, 500, "<html>proxy error</html>"));
        assertThrows(IpfsUnavailableException.class, () -> client.pinAdd(FileCids.of(new byte[1])));
        assertEquals(3, kubo.requests("pin/add").size());
    }

    @Test
    void clientErrorsAreNeverRetried() {
        kubo.on("cat", (r, n, ex) -> reply(ex, 400, "{\"Message\":\"invalid path\",\"Code\":1,\"Type\":\"error\"}"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> client.cat(FileCids.of(new byte[1])));
        assertEquals(400, e.httpStatus());
        assertEquals("invalid path", e.kuboMessage());
        assertEquals(1, kubo.requests("cat").size());
    }

    @Test
    void kuboCommandErrorsAreNotRetried() {
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 500, kuboError("not pinned or pinned indirectly")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> client.pinRm(FileCids.of(new byte[1])));
        assertEquals(500, e.httpStatus());
        assertTrue(e.getMessage().contains("not pinned"), e.getMessage());
        assertEquals(1, kubo.requests("pin/rm").size());
    }

    @Test
    void wrongEndpointGetsAHint() {
        IpfsCommandException e = assertThrows(IpfsCommandException.class, client::id);
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains("port 5001"), e.getMessage());
    }

    @Test
    void refusedConnectionIsRetriedThenReportedWithAdvice() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KuboClient nowhere = KuboClient.builder("/ip4/127.0.0.1/tcp/" + port).retryPolicy(FAST).build();
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class, nowhere::version);
        assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
        assertTrue(e.getMessage().contains(KuboClient.API_ENV), e.getMessage());
    }

    // ---- add ------------------------------------------------------------------------------

    /** Acts like Kubo's add: takes the single file part and answers with its CID. */
    private static void honestAdd(FakeKubo.Request r, int n, com.sun.net.httpserver.HttpExchange ex) throws IOException {
        byte[] file = filePart(r);
        reply(ex, 200, "{\"Name\":\"f\",\"Hash\":\"" + FileCids.of(file) + "\",\"Size\":\"" + file.length + "\"}\n");
    }

    private static byte[] filePart(FakeKubo.Request r) {
        String boundary = r.contentType().substring(r.contentType().indexOf("boundary=") + 9);
        byte[] body = r.body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        int end = text.lastIndexOf("\r\n--" + boundary + "--");
        return Arrays.copyOfRange(body, start, end);
    }

    @Test
    void addStreamsTheFileAndChecksTheNodesCid() throws IOException {
        kubo.on("add", KuboClientTest::honestAdd);
        byte[] content = SeededBytes.bytes(10, 3_000_000);
        Path file = dir.resolve("w.bin");
        Files.write(file, content);

        AddResult added = client.add(file);
        assertEquals(new AddResult(FileCids.of(content), content.length, true), added);

        FakeKubo.Request r = kubo.requests("add").get(0);
        assertArrayEquals(content, filePart(r));
        assertTrue(r.contentType().startsWith("multipart/form-data; boundary="));
        for (String param : new String[] {"cid-version=1", "raw-leaves=true", "chunker=size-262144",
            "max-file-links=174", "hash=sha2-256", "trickle=false", "pin=true"}) {
            assertTrue(r.query().contains(param), r.query() + " lacks " + param);
        }
    }

    @Test
    void addReportsProgressUpToTheFileSize() throws IOException {
        kubo.on("add", KuboClientTest::honestAdd);
        byte[] content = SeededBytes.bytes(11, 1_000_000);
        Path file = dir.resolve("p.bin");
        Files.write(file, content);
        java.util.List<long[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        client.add(file, true, (bytes, total) -> calls.add(new long[] {bytes, total}));

        // 1 MB in 256 KiB chunks: four reports, growing, the last the whole file.
        assertEquals(4, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(content.length, calls.get(i)[1]);
            assertTrue(i == 0 || calls.get(i)[0] > calls.get(i - 1)[0]);
        }
        assertEquals(content.length, calls.get(calls.size() - 1)[0]);
    }

    @Test
    void addOfAFileLargerThanOneMappingWindow() throws IOException {
        kubo.on("add", KuboClientTest::honestAdd);
        Path file = dir.resolve("big.bin");
        // 70 MB: the upload maps the file in 64 MiB windows, so this crosses one.
        try (InputStream in = new SeededBytes(20, 70_000_000)) {
            Files.copy(in, file);
        }
        AddResult added = client.add(file);
        assertEquals(FileCids.of(file), added.cid());
        assertEquals(70_000_000, added.size());
        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(file), filePart(kubo.requests("add").get(0))));
    }

    @Test
    void addFromStreamAndEmptyFile() throws IOException {
        kubo.on("add", KuboClientTest::honestAdd);
        byte[] content = SeededBytes.bytes(11, 300_000);
        AddResult added = client.add(new ByteArrayInputStream(content), "w", false);
        assertEquals(FileCids.of(content), added.cid());
        assertFalse(added.pinned());
        assertTrue(kubo.requests("add").get(0).query().contains("pin=false"));

        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals(FileCids.of(new byte[0]), client.add(empty).cid());
    }

    @Test
    void addRejectsADifferentCidFromTheNode() throws IOException {
        Cid other = FileCids.of(new byte[] {1});
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Name\":\"f\",\"Hash\":\"" + other + "\",\"Size\":\"1\"}\n"));
        Path file = Files.write(dir.resolve("w.bin"), SeededBytes.bytes(12, 1000));
        CidMismatchException e = assertThrows(CidMismatchException.class, () -> client.add(file));
        assertEquals(other, e.actual());
        assertEquals(FileCids.of(file), e.expected());
        assertEquals(1, kubo.requests("add").size());
    }

    @Test
    void addIsRetriedWholeAfterATransientFailure() throws IOException {
        kubo.on("add", (r, n, ex) -> {
            if (n == 1) {
                reply(ex, 503, "");
            } else {
                honestAdd(r, n, ex);
            }
        });
        byte[] content = SeededBytes.bytes(13, 600_000);
        Path file = Files.write(dir.resolve("w.bin"), content);
        assertEquals(FileCids.of(content), client.add(file).cid());
        assertEquals(2, kubo.requests("add").size());
        assertArrayEquals(content, filePart(kubo.requests("add").get(1)));
    }

    @Test
    void addReportsKuboErrorsInTheBody() throws IOException {
        kubo.on("add", (r, n, ex) -> reply(ex, 200, kuboError("write failed: no space left on device")));
        Path file = Files.write(dir.resolve("w.bin"), new byte[10]);
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> client.add(file));
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
    }

    @Test
    void addOfAMissingFileFailsLocally() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> client.add(dir.resolve("missing")));
        assertTrue(kubo.requests("add").isEmpty());
    }

    // ---- small commands -------------------------------------------------------------------

    @Test
    void statIdAndPinsParseKuboAnswers() throws IOException {
        Cid cid = Cid.parse("bafybeigafhro6fquvmzfrpayc5uyosu4ztjevtawjlmgdcoxqtj6z4anri");
        kubo.on("files/stat", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"" + cid
                + "\",\"Size\":262145,\"CumulativeSize\":262249,\"Blocks\":2,\"Type\":\"file\"}"));
        kubo.on("id", (r, n, ex) -> reply(ex, 200, "{\"ID\":\"12D3KooW\",\"PublicKey\":\"x\",\"Addresses\":"
                + "[\"/ip4/127.0.0.1/tcp/4001\"],\"AgentVersion\":\"kubo/0.42.0/\",\"Protocols\":[]}"));
        kubo.on("pin/add", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));

        assertEquals(new ObjectStat(cid, 262_145, 262_249, 2, "file"), client.stat(cid));
        assertTrue(kubo.requests("files/stat").get(0).query().contains("arg=%2Fipfs%2F" + cid));
        assertEquals(new NodeIdentity("12D3KooW", "kubo/0.42.0/", java.util.List.of("/ip4/127.0.0.1/tcp/4001")),
                client.id());
        client.pinAdd(cid);
        client.pinRm(cid);
        assertTrue(kubo.requests("pin/add").get(0).query().contains("recursive=true"));
    }

    @Test
    void nonJsonAnswerIsReportedClearly() {
        kubo.on("version", (r, n, ex) -> reply(ex, 200, "<html>hello</html>"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, client::version);
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
    }
}

package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.reply;
import static dln.ipfs.testing.Reads.drain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.CidMismatchException;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.RetryPolicy;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.testing.Transports;
import dln.ipfs.transport.Timeouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatCommandTest {
    private FakeKubo kubo;
    private CatCommand cat;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        cat = new CatCommand(Transports.to(kubo), ImportLayout.KUBO_DEFAULT);
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    /** Serves {@code content} for any cat. */
    private void serveCat(byte[] content) {
        kubo.on("cat", (r, n, ex) -> reply(ex, 200, content));
    }

    @Test
    void catDeliversMatchingContent() throws IOException {
        byte[] content = SeededBytes.bytes(1, 700_000);
        Cid cid = FileCids.of(content);
        serveCat(content);
        try (InputStream in = cat.cat(cid)) {
            assertArrayEquals(content, in.readAllBytes());
            assertEquals(-1, in.read(), "stays at the end");
        }
        FakeKubo.Request r = kubo.requests("cat").get(0);
        assertEquals("arg=" + cid + "&progress=false", r.query());
        assertEquals("POST", r.method());
    }

    @Test
    void catOfContentTheNodeCannotFindFailsOnceWithoutRetrying() {
        byte[] content = SeededBytes.bytes(3, 1000);
        Cid cid = FileCids.of(content);
        // Kubo looking for a block nobody has: no answer at all.
        kubo.on("cat", (r, n, ex) -> {
            FakeKubo.sleep(3000);
            reply(ex, 200, content);
        });
        CatCommand impatient = new CatCommand(Transports.to(kubo, new Timeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMinutes(1)), Transports.FAST),
                ImportLayout.KUBO_DEFAULT);
        ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> impatient.cat(cid));
        assertEquals(cid, e.cid());
        assertTrue(e.getMessage().contains(cid.toString()), e.getMessage());
        assertEquals(1, kubo.requests("cat").size(), "no retry");
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
            IOException failure = drain(cat.cat(cid), delivered, readSize);
            CidMismatchException mismatch = assertInstanceOf(CidMismatchException.class, failure);
            assertEquals(cid, mismatch.expected());
            assertEquals(FileCids.of(altered), mismatch.actual());
            assertTrue(mismatch.getMessage().contains(cid.toString()), mismatch.getMessage());
            assertTrue(delivered.size() < content.length, "the last byte is withheld (read size " + readSize + ")");
        }
    }

    @Test
    void catTruncatedOrEmptiedContentFails() throws IOException {
        byte[] content = SeededBytes.bytes(3, 300_000);
        Cid cid = FileCids.of(content);
        serveCat(Arrays.copyOf(content, 262_144));
        assertInstanceOf(CidMismatchException.class, drain(cat.cat(cid), new ByteArrayOutputStream(), 8192));
        serveCat(new byte[0]);
        assertInstanceOf(CidMismatchException.class, drain(cat.cat(cid), new ByteArrayOutputStream(), 8192));
    }

    @Test
    void failedStreamKeepsFailing() throws IOException {
        byte[] content = SeededBytes.bytes(4, 1000);
        serveCat(SeededBytes.bytes(5, 1000));
        InputStream in = cat.cat(FileCids.of(content));
        assertThrows(CidMismatchException.class, in::readAllBytes);
        assertThrows(CidMismatchException.class, in::read);
        in.close();
    }

    @Test
    void emptyFileVerifies() throws IOException {
        serveCat(new byte[0]);
        try (InputStream in = cat.cat(FileCids.of(new byte[0]))) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void rawCidOfAnyBlockSizeVerifiesByPlainSha256() throws Exception {
        // A single 1 MiB raw block (added elsewhere with a larger chunker) is still verifiable.
        byte[] content = SeededBytes.bytes(6, 1 << 20);
        Cid raw = Cid.rawSha256(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        serveCat(content);
        try (InputStream in = cat.cat(raw)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void singleByteReadsDeliverEverything() throws IOException {
        byte[] content = SeededBytes.bytes(7, 5000);
        serveCat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = cat.cat(FileCids.of(content))) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
        }
        assertArrayEquals(content, out.toByteArray());
    }

    @Test
    void transferToDeliversEverything() throws IOException {
        byte[] content = SeededBytes.bytes(22, 2_500_000);
        serveCat(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = cat.cat(FileCids.of(content))) {
            assertEquals(content.length, in.transferTo(out));
        }
        assertArrayEquals(content, out.toByteArray());
    }

    @Test
    void cidV0IsRefusedWithoutARequest() {
        Cid v0 = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cat.cat(v0));
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
            assertNull(drain(cat.cat(cid), out, readSize));
            assertArrayEquals(content, out.toByteArray());
        }
    }

    @Test
    void refusalsAreNotRetriedAndTransientFailuresAre() throws IOException {
        kubo.on("cat", (r, n, ex) -> reply(ex, 400, "{\"Message\":\"invalid path\",\"Code\":1,\"Type\":\"error\"}"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> cat.cat(FileCids.of(new byte[1])));
        assertEquals("invalid path", e.kuboMessage());
        assertEquals(1, kubo.requests("cat").size());

        byte[] content = SeededBytes.bytes(23, 1000);
        kubo.on("cat", (r, n, ex) -> reply(ex, n < 3 ? 503 : 200, n < 3 ? "busy".getBytes() : content));
        try (InputStream in = cat.cat(FileCids.of(content))) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertEquals(3, kubo.requests("cat").size());
    }

    /** Serves {@code content} from the request's offset, cutting every answer after {@code cut} bytes. */
    private void serveCutting(byte[] content, int cut) {
        kubo.on("cat", (r, n, ex) -> {
            int from = offset(r);
            int end = Math.min(content.length, from + cut);
            ex.sendResponseHeaders(200, content.length - from);
            ex.getResponseBody().write(content, from, end - from);
            ex.getResponseBody().flush();
            if (end < content.length) {
                // Closing the exchange now cuts the body short of its announced length.
                throw new IOException("simulated crash mid-response");
            }
            ex.getResponseBody().close();
        });
    }

    private static int offset(FakeKubo.Request r) {
        for (String p : r.query().split("&")) {
            if (p.startsWith("offset=")) {
                return Integer.parseInt(p.substring(7));
            }
        }
        return 0;
    }

    @Test
    void connectionLostMidStreamResumesFromTheByteReached() throws IOException {
        byte[] content = SeededBytes.bytes(15, 2_000_000);
        serveCutting(content, 700_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(drain(cat.cat(FileCids.of(content)), out, 65_536));
        assertArrayEquals(content, out.toByteArray());
        // Each answer stops at most 700,000 bytes in, so at least two resumes; more when a closed
        // connection drops bytes the client had not read yet (seen in a CI run on a loaded host:
        // four requests). What must hold is that each resume starts where the last one got to.
        final List<FakeKubo.Request> asked = kubo.requests("cat");
        assertTrue(asked.size() >= 3, "at least two resumes after the first answer: " + asked.size());
        int previous = 0;
        for (FakeKubo.Request r : asked.subList(1, asked.size())) {
            final int from = offset(r);
            assertTrue(from > previous && from <= previous + 700_000, "resumed from the byte reached, past " + previous + ": " + from);
            previous = from;
        }
    }

    @Test
    void aResumedAnswerWithOtherBytesFailsVerification() throws IOException {
        byte[] content = SeededBytes.bytes(17, 1_000_000);
        byte[] other = SeededBytes.bytes(18, 1_000_000);
        kubo.on("cat", (r, n, ex) -> {
            byte[] served = n == 1 ? content : other;
            int from = offset(r);
            ex.sendResponseHeaders(200, served.length - from);
            ex.getResponseBody().write(served, from, n == 1 ? 300_000 : served.length - from);
            ex.getResponseBody().flush();
            if (n == 1) {
                throw new IOException("simulated crash mid-response");
            }
            ex.getResponseBody().close();
        });
        IOException e = drain(cat.cat(FileCids.of(content)), new ByteArrayOutputStream(), 65_536);
        assertInstanceOf(CidMismatchException.class, e);
    }

    @Test
    void aNodeThatKeepsCuttingTheAnswerFailsTheReadAfterBoundedResumes() throws IOException {
        byte[] content = SeededBytes.bytes(19, 2_000_000);
        serveCutting(content, 1_000);
        IOException cut = drain(cat.cat(FileCids.of(content)), new ByteArrayOutputStream(), 65_536);
        IpfsUnavailableException lost = assertInstanceOf(IpfsUnavailableException.class, cut);
        assertTrue(lost.getMessage().contains("connection to the node lost"), lost.getMessage());
        int requests = kubo.requests("cat").size();
        // Eight resumes, each of which may itself be retried (three attempts) if the cut lands before
        // the answer's head; a resume whose attempts are all cut ends the read there (a fresh-clone CI
        // run: the fifth resume, 8 requests). Either way it resumed, and within the bound.
        assertTrue(requests >= 1 + Transports.FAST.maxAttempts() && requests <= 1 + 8 * Transports.FAST.maxAttempts(),
                "bounded resumes: " + requests);
    }

    @Test
    void withoutRetriesALostConnectionFailsTheReadAtOnce() throws IOException {
        byte[] content = SeededBytes.bytes(15, 2_000_000);
        serveCutting(content, 1_000_000);
        CatCommand once = new CatCommand(Transports.to(kubo, Transports.timeouts(), RetryPolicy.NONE), ImportLayout.KUBO_DEFAULT);
        IOException cut;
        try {
            cut = drain(once.cat(FileCids.of(content)), new ByteArrayOutputStream(), 65_536);
        } catch (IpfsUnavailableException atOpen) {
            // The JDK's client can see the cut before it hands the answer over (a fresh-clone CI run,
            // 2026-12-05): then opening the cat fails, with the same exception and no retry.
            cut = atOpen;
        }
        assertInstanceOf(IpfsUnavailableException.class, cut);
        assertEquals(1, kubo.requests("cat").size(), "no resume without a retry policy");
    }

    @Test
    void aNodeStallingMidBodyFailsTheReadInsteadOfHanging() throws IOException {
        byte[] content = SeededBytes.bytes(16, 100_000);
        CountDownLatch release = new CountDownLatch(1);
        kubo.on("cat", FakeKubo.stallingAfter(content, 1000, release));
        CatCommand impatient = new CatCommand(Transports.to(kubo, new Timeouts(Duration.ofSeconds(5),
                Duration.ofMillis(300), Duration.ofSeconds(15), Duration.ofMinutes(1)), RetryPolicy.NONE),
                ImportLayout.KUBO_DEFAULT);
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
        try (InputStream in = cat.cat(cid)) {
            assertArrayEquals(content, in.readNBytes(content.length));
        }
        // Forged content of the right length followed by more bytes: the reader gets its bytes,
        // but close reads on, reaches the end and reports the mismatch.
        byte[] forged = Arrays.copyOf(SeededBytes.bytes(18, 500_000), 500_100);
        serveCat(forged);
        InputStream in = cat.cat(cid);
        in.readNBytes(content.length);
        assertThrows(CidMismatchException.class, in::close);
    }

    @Test
    void closingLongBeforeTheEndFails() throws IOException {
        byte[] content = SeededBytes.bytes(19, 2_000_000);
        serveCat(content);
        InputStream in = cat.cat(FileCids.of(content));
        in.readNBytes(1000);
        IpfsException e = assertThrows(IpfsException.class, in::close);
        assertTrue(e.getMessage().contains("unverified"), e.getMessage());
        in.close(); // a second close is a no-op
    }
}

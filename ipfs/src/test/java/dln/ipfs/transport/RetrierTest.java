package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.CidMismatchException;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.RetryPolicy;
import dln.ipfs.cid.FileCids;
import dln.ipfs.testing.Transports;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private final Retrier retrier = new Retrier(Transports.FAST, URI.create("http://127.0.0.1:5001"));
    private final AtomicInteger attempts = new AtomicInteger();

    /** An attempt that throws {@code failure} the first {@code failing} times, then answers "ok". */
    private Attempt<String> failing(int failing, IOException failure) {
        return () -> {
            if (attempts.incrementAndGet() <= failing) {
                throw failure;
            }
            return "ok";
        };
    }

    @Test
    void transientFailuresAreRepeatedUntilOneSucceeds() throws IOException {
        assertEquals("ok", retrier.run("version", failing(2, new ConnectException("refused"))));
        assertEquals(3, attempts.get());
    }

    @Test
    void exhaustedRetriesReportTheNodeUnavailableWithAdvice() {
        ConnectException refused = new ConnectException("refused");
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class,
                () -> retrier.run("version", failing(9, refused)));
        assertEquals(3, attempts.get());
        assertSame(refused, e.getCause());
        for (String part : List.of("version: ", "http://127.0.0.1:5001", "failed 3 times", "ConnectException (refused)",
                ApiAddress.ENV)) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " lacks " + part);
        }
    }

    @Test
    void aServerStrugglingAndALostConnectionAreTransient() throws IOException {
        assertEquals("ok", retrier.run("cat", failing(1, new TransientStatus("cat got HTTP 503"))));
        assertEquals(2, attempts.get());
        attempts.set(0);
        assertEquals("ok", retrier.run("fetch", failing(2, new IpfsUnavailableException("connection lost", null))));
        assertEquals(3, attempts.get());
    }

    @Test
    void refusalsMismatchesAndMissingContentEndAtOnce() {
        var cid = FileCids.of(new byte[1]);
        for (IOException failure : List.of(new IpfsCommandException("refused", 400, "refused"),
                new CidMismatchException("mismatch", cid, cid), new ContentNotFoundException("not found", cid, null),
                new IpfsException("closed early", null))) {
            attempts.set(0);
            IOException e = assertThrows(IOException.class, () -> retrier.run("x", failing(9, failure)));
            assertSame(failure, e);
            assertEquals(1, attempts.get(), failure.toString());
        }
    }

    @Test
    void anInterruptionEndsAtOnceReportedAsAnIpfsException() {
        InterruptedIOException interrupted = new InterruptedIOException("interrupted");
        IpfsException e = assertThrows(IpfsException.class, () -> retrier.run("version", failing(9, interrupted)));
        assertSame(interrupted, e.getCause());
        assertEquals(1, attempts.get());
        attempts.set(0);
        assertSame(interrupted, assertThrows(InterruptedIOException.class, () -> retrier.once("x", failing(9, interrupted))));
    }

    @Test
    void localFileProblemsAreNotRetriedAndAreReportedAsIpfsExceptions() {
        AccessDeniedException denied = new AccessDeniedException("/w.bin");
        IpfsException e = assertThrows(IpfsException.class, () -> retrier.run("add /w.bin", failing(9, denied)));
        assertEquals(1, attempts.get());
        assertSame(denied, e.getCause());
        assertTrue(e.getMessage().startsWith("add /w.bin: "), e.getMessage());
        // Also when wrapped, as the HTTP client wraps what a body publisher throws.
        attempts.set(0);
        assertThrows(IpfsException.class, () -> retrier.run("add", failing(9, new IOException("wrapped", denied))));
        assertEquals(1, attempts.get());
    }

    @Test
    void onceMakesOneAttemptAndPassesOtherFailuresUnchanged() {
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class,
                () -> retrier.once("add stream", failing(9, new ConnectException("refused"))));
        assertTrue(e.getMessage().contains("failed 1 time,"), e.getMessage());
        assertEquals(1, attempts.get());

        attempts.set(0);
        AccessDeniedException denied = new AccessDeniedException("/w.bin");
        assertSame(denied, assertThrows(AccessDeniedException.class, () -> retrier.once("add", failing(9, denied))));
    }

    @Test
    void anInterruptedPauseEndsTheRetries() {
        Retrier patient = new Retrier(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                URI.create("http://127.0.0.1:5001"));
        Thread.currentThread().interrupt();
        try {
            IpfsException e = assertThrows(IpfsException.class,
                    () -> patient.run("version", failing(9, new ConnectException("x"))));
            assertTrue(e.getCause() instanceof InterruptedIOException, e.toString());
            assertTrue(Thread.interrupted(), "interrupt status kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, attempts.get());
    }
}

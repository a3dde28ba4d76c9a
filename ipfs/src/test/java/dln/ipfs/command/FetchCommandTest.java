package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.CidMismatchException;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.testing.Transports;
import dln.ipfs.transport.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchCommandTest {
    private FakeKubo kubo;
    private FetchCommand fetch;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        fetch = new FetchCommand(Transports.to(kubo), ImportLayout.KUBO_DEFAULT);
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    private void serveCat(byte[] content) {
        kubo.on("cat", (r, n, ex) -> reply(ex, 200, content));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesVerifiedContent() throws IOException {
        byte[] content = SeededBytes.bytes(8, 900_000);
        Cid cid = FileCids.of(content);
        serveCat(content);
        Path target = dir.resolve("weights.bin");
        assertEquals(content.length, fetch.toFile(cid, target));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(), "no temporary file left");
        assertEquals("arg=" + cid + "&progress=false", kubo.requests("cat").get(0).query());
    }

    @Test
    void acrossBufferBoundariesAndEmpty() throws IOException {
        // Exactly three copy buffers, then one more byte, then nothing at all.
        int buffer = DoubleBufferedCopy.BUFFER;
        for (int length : new int[] {3 * buffer, 3 * buffer + 1, 0}) {
            byte[] content = SeededBytes.bytes(21, length);
            serveCat(content);
            Path target = dir.resolve("f" + length);
            assertEquals(length, fetch.toFile(FileCids.of(content), target));
            assertArrayEquals(content, Files.readAllBytes(target));
        }
    }

    @Test
    void replacesAnExistingFileAndAcceptsARelativeTarget() throws IOException {
        byte[] content = SeededBytes.bytes(24, 10_000);
        serveCat(content);
        Path target = Files.writeString(dir.resolve("w.bin"), "previous");
        assertEquals(content.length, fetch.toFile(FileCids.of(content), target));
        assertArrayEquals(content, Files.readAllBytes(target));

        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("r.bin"));
        assertEquals(content.length, fetch.toFile(FileCids.of(content), relative));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("r.bin")));
    }

    @Test
    void neverExposesMismatchingContent() throws IOException {
        byte[] content = SeededBytes.bytes(9, 900_000);
        byte[] altered = content.clone();
        altered[0] ^= (byte) 0xFF;
        serveCat(altered);
        Path target = dir.resolve("weights.bin");
        Files.writeString(target, "previous");
        CidMismatchException e = assertThrows(CidMismatchException.class, () -> fetch.toFile(FileCids.of(content), target));
        assertEquals(FileCids.of(altered), e.actual());
        assertTrue(e.getMessage().contains("nothing was written to " + target), e.getMessage());
        assertEquals("previous", Files.readString(target), "target untouched");
        assertEquals(List.of(target), listing(), "no temporary file left");
        assertEquals(1, kubo.requests("cat").size(), "a mismatch is not retried");
        // Truncated content is refused the same way.
        serveCat(Arrays.copyOf(content, 500_000));
        assertThrows(CidMismatchException.class, () -> fetch.toFile(FileCids.of(content), target));
        assertEquals("previous", Files.readString(target));
    }

    @Test
    void aCutDownloadStartsOver() throws IOException {
        byte[] content = SeededBytes.bytes(15, 2_000_000);
        Cid cid = FileCids.of(content);
        kubo.on("cat", (r, n, ex) -> {
            if (n == 1) {
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content, 0, content.length / 2);
                ex.getResponseBody().flush();
                throw new IOException("simulated crash mid-response");
            }
            reply(ex, 200, content);
        });
        Path target = dir.resolve("w.bin");
        assertEquals(content.length, fetch.toFile(cid, target));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(2, kubo.requests("cat").size(), "one cut attempt, one good attempt");
        assertEquals(List.of(target), listing());
    }

    @Test
    void aDownloadCutEveryTimeReportsTheNodeUnavailable() throws IOException {
        byte[] content = SeededBytes.bytes(25, 2_000_000);
        kubo.on("cat", (r, n, ex) -> {
            ex.sendResponseHeaders(200, content.length);
            ex.getResponseBody().write(content, 0, 1000);
            ex.getResponseBody().flush();
            throw new IOException("simulated crash mid-response");
        });
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class,
                () -> fetch.toFile(FileCids.of(content), dir.resolve("w.bin")));
        assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
        assertTrue(listing().isEmpty());
    }

    @Test
    void contentTheNodeCannotFindFailsOnceAndLeavesNoFile() {
        byte[] content = SeededBytes.bytes(3, 1000);
        kubo.on("cat", (r, n, ex) -> {
            FakeKubo.sleep(3000);
            reply(ex, 200, content);
        });
        FetchCommand impatient = new FetchCommand(Transports.to(kubo, new Timeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMinutes(1)), Transports.FAST),
                ImportLayout.KUBO_DEFAULT);
        assertThrows(ContentNotFoundException.class, () -> impatient.toFile(FileCids.of(content), dir.resolve("f")));
        assertEquals(1, kubo.requests("cat").size(), "no retry");
        assertFalse(Files.exists(dir.resolve("f")));
    }

    @Test
    void refusalsAndUnverifiableCidsFailWithoutAFile() throws IOException {
        kubo.on("cat", (r, n, ex) -> reply(ex, 500, FakeKubo.kuboError("block was not found locally")));
        assertThrows(IpfsCommandException.class, () -> fetch.toFile(FileCids.of(new byte[1]), dir.resolve("f")));
        assertEquals(1, kubo.requests("cat").size());
        Cid v0 = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThrows(IllegalArgumentException.class, () -> fetch.toFile(v0, dir.resolve("f")));
        assertEquals(1, kubo.requests("cat").size(), "no request for a CIDv0");
        assertTrue(listing().isEmpty());
    }
}

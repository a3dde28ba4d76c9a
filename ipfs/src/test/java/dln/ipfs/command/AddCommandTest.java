package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.filePart;
import static dln.ipfs.testing.FakeKubo.kuboError;
import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.AddResult;
import dln.ipfs.CidMismatchException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.testing.Transports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddCommandTest {
    private FakeKubo kubo;
    private AddCommand add;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        add = new AddCommand(Transports.to(kubo), ImportLayout.KUBO_DEFAULT);
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    @Test
    void streamsTheFileAndChecksTheNodesCid() throws IOException {
        kubo.on("add", FakeKubo::honestAdd);
        byte[] content = SeededBytes.bytes(10, 3_000_000);
        Path file = Files.write(dir.resolve("w.bin"), content);

        AddResult added = add.file(file, true, TransferListener.NONE);
        assertEquals(new AddResult(FileCids.of(content), content.length, true), added);

        FakeKubo.Request r = kubo.requests("add").get(0);
        assertArrayEquals(content, filePart(r));
        assertTrue(r.contentType().startsWith("multipart/form-data; boundary="));
        for (String param : new String[] {"cid-version=1", "raw-leaves=true", "chunker=size-262144",
            "max-file-links=174", "hash=sha2-256", "trickle=false", "inline=false", "wrap-with-directory=false",
            "quieter=true", "pin=true"}) {
            assertTrue(r.query().contains(param), r.query() + " lacks " + param);
        }
    }

    @Test
    void sendsTheLayoutItWasGiven() throws IOException {
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"" + FileCids.of(new byte[1]) + "\"}"));
        AddCommand other = new AddCommand(Transports.to(kubo), new ImportLayout(1 << 20, 100));
        assertThrows(CidMismatchException.class, () -> other.stream(new ByteArrayInputStream(new byte[2]), "w", true));
        String query = kubo.requests("add").get(0).query();
        assertTrue(query.contains("chunker=size-1048576") && query.contains("max-file-links=100"), query);
    }

    @Test
    void reportsProgressUpToTheFileSize() throws IOException {
        kubo.on("add", FakeKubo::honestAdd);
        byte[] content = SeededBytes.bytes(11, 1_000_000);
        Path file = Files.write(dir.resolve("p.bin"), content);
        List<long[]> calls = new CopyOnWriteArrayList<>();

        add.file(file, true, (bytes, total) -> calls.add(new long[] {bytes, total}));

        // 1 MB in 256 KiB chunks: four reports, growing, the last the whole file.
        assertEquals(4, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(content.length, calls.get(i)[1]);
            assertTrue(i == 0 || calls.get(i)[0] > calls.get(i - 1)[0]);
        }
        assertEquals(content.length, calls.get(calls.size() - 1)[0]);
    }

    @Test
    void aFileLargerThanOneMappingWindow() throws IOException {
        kubo.on("add", FakeKubo::honestAdd);
        Path file = dir.resolve("big.bin");
        // 70 MB: the upload maps the file in 64 MiB windows, so this crosses one.
        try (InputStream in = new SeededBytes(20, 70_000_000)) {
            Files.copy(in, file);
        }
        AddResult added = add.file(file, true, TransferListener.NONE);
        assertEquals(FileCids.of(file), added.cid());
        assertEquals(70_000_000, added.size());
        assertEquals(-1, Arrays.mismatch(Files.readAllBytes(file), filePart(kubo.requests("add").get(0))));
    }

    @Test
    void fromStreamAndEmptyFile() throws IOException {
        kubo.on("add", FakeKubo::honestAdd);
        byte[] content = SeededBytes.bytes(11, 300_000);
        AddResult added = add.stream(new ByteArrayInputStream(content), "w", false);
        assertEquals(FileCids.of(content), added.cid());
        assertFalse(added.pinned());
        assertTrue(kubo.requests("add").get(0).query().contains("pin=false"));

        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals(FileCids.of(new byte[0]), add.file(empty, true, TransferListener.NONE).cid());
    }

    @Test
    void rejectsADifferentCidFromTheNode() throws IOException {
        Cid other = FileCids.of(new byte[] {1});
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Name\":\"f\",\"Hash\":\"" + other + "\",\"Size\":\"1\"}\n"));
        Path file = Files.write(dir.resolve("w.bin"), SeededBytes.bytes(12, 1000));
        CidMismatchException e = assertThrows(CidMismatchException.class, () -> add.file(file, true, TransferListener.NONE));
        assertEquals(other, e.actual());
        assertEquals(FileCids.of(file), e.expected());
        assertEquals(1, kubo.requests("add").size());
    }

    @Test
    void aFileIsRetriedWholeAfterATransientFailure() throws IOException {
        kubo.on("add", (r, n, ex) -> {
            if (n == 1) {
                reply(ex, 503, "");
            } else {
                FakeKubo.honestAdd(r, n, ex);
            }
        });
        byte[] content = SeededBytes.bytes(13, 600_000);
        Path file = Files.write(dir.resolve("w.bin"), content);
        assertEquals(FileCids.of(content), add.file(file, true, TransferListener.NONE).cid());
        assertEquals(2, kubo.requests("add").size());
        assertArrayEquals(content, filePart(kubo.requests("add").get(1)));
    }

    @Test
    void aStreamIsSentOnceOnly() {
        kubo.on("add", (r, n, ex) -> reply(ex, 503, ""));
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class,
                () -> add.stream(new ByteArrayInputStream(new byte[100]), "blob", true));
        assertTrue(e.getMessage().startsWith("add blob: ") && e.getMessage().contains("failed 1 time,"), e.getMessage());
        assertEquals(1, kubo.requests("add").size());
    }

    @Test
    void reportsKuboErrorsInTheBody() throws IOException {
        kubo.on("add", (r, n, ex) -> reply(ex, 200, kuboError("write failed: no space left on device")));
        Path file = Files.write(dir.resolve("w.bin"), new byte[10]);
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> add.file(file, true, TransferListener.NONE));
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
    }

    @Test
    void anAnswerWithoutACidIsARefusal() throws IOException {
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Name\":\"f\"}\n\n"));
        Path file = Files.write(dir.resolve("w.bin"), new byte[10]);
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> add.file(file, true, TransferListener.NONE));
        assertTrue(e.getMessage().contains("names no CID"), e.getMessage());
        kubo.on("add", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"nonsense\"}\n"));
        e = assertThrows(IpfsCommandException.class, () -> add.file(file, true, TransferListener.NONE));
        assertTrue(e.getMessage().contains("unusable CID"), e.getMessage());
    }

    @Test
    void aMissingFileFailsLocally() {
        assertThrows(NoSuchFileException.class, () -> add.file(dir.resolve("missing"), true, TransferListener.NONE));
        assertThrows(NoSuchFileException.class, () -> add.file(dir, true, TransferListener.NONE));
        assertTrue(kubo.requests("add").isEmpty());
    }
}

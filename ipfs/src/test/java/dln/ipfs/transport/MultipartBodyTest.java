package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.TransferListener;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.SeededBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The body on its own, read by a subscriber the way the HTTP client reads it. */
class MultipartBodyTest {
    private static final ImportLayout LAYOUT = ImportLayout.KUBO_DEFAULT;

    @TempDir
    Path dir;

    /** Everything the body emits, or the failure it ended with. */
    private record Emitted(byte[] bytes, Throwable failure) {
    }

    private static Emitted read(MultipartBody body, long demand) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(demand);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.write(b, 0, b.length);
                if (demand == 1) {
                    s.request(1); // reentrant, as the HTTP client may do
                }
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        });
        return new Emitted(out.toByteArray(), end.get(60, TimeUnit.SECONDS));
    }

    private static byte[] filePart(MultipartBody body, byte[] emitted) {
        String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);
        String text = new String(emitted, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""), text);
        assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"));
        int start = text.indexOf("\r\n\r\n") + 4;
        return java.util.Arrays.copyOfRange(emitted, start, text.lastIndexOf("\r\n--" + boundary + "--"));
    }

    @Test
    void aFileIsFramedHashedAndReportedAsItGoes() throws Exception {
        byte[] content = SeededBytes.bytes(1, 1_000_000);
        Path file = Files.write(dir.resolve("w eights.bin"), content);
        List<long[]> progress = new CopyOnWriteArrayList<>();
        MultipartBody body = MultipartBody.ofFile(file, content.length, LAYOUT, (b, t) -> progress.add(new long[] {b, t}));
        assertNull(body.cid(), "nothing hashed before it is sent");

        for (long demand : new long[] {Long.MAX_VALUE, 1}) {
            progress.clear();
            Emitted e = read(body, demand);
            assertNull(e.failure());
            assertEquals(body.contentLength(), e.bytes().length);
            assertArrayEquals(content, filePart(body, e.bytes()));
            assertTrue(new String(e.bytes(), StandardCharsets.ISO_8859_1).contains("filename=\"w+eights.bin\""),
                    "the name is URL-encoded, as Kubo decodes it");
            assertEquals(FileCids.of(content), body.cid());
            assertEquals(content.length, body.fileBytesSent());
            // 1 MB in 256 KiB chunks: four reports, growing, the last the whole file.
            assertEquals(4, progress.size());
            assertEquals(content.length, progress.get(3)[0]);
            progress.forEach(p -> assertEquals(content.length, p[1]));
        }
    }

    @Test
    void aStreamHasNoLengthAndNobodyToTell() throws Exception {
        byte[] content = SeededBytes.bytes(2, 300_000);
        MultipartBody body = MultipartBody.ofStream(new ByteArrayInputStream(content), "w", LAYOUT);
        assertEquals(-1, body.contentLength());
        Emitted e = read(body, Long.MAX_VALUE);
        assertNull(e.failure());
        assertArrayEquals(content, filePart(body, e.bytes()));
        assertEquals(FileCids.of(content), body.cid());
    }

    @Test
    void anEmptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        MultipartBody body = MultipartBody.ofFile(empty, 0, LAYOUT, TransferListener.NONE);
        Emitted e = read(body, Long.MAX_VALUE);
        assertNull(e.failure());
        assertEquals(0, filePart(body, e.bytes()).length);
        assertEquals(FileCids.of(new byte[0]), body.cid());
    }

    @Test
    void aFileThatChangedSizeFailsTheUpload() throws Exception {
        Path file = Files.write(dir.resolve("w"), SeededBytes.bytes(3, 600_000));
        Emitted grew = read(MultipartBody.ofFile(file, 500_000, LAYOUT, TransferListener.NONE), Long.MAX_VALUE);
        assertTrue(grew.failure() instanceof IOException && grew.failure().getMessage().contains("grew"),
                String.valueOf(grew.failure()));
        Emitted shrank = read(MultipartBody.ofFile(file, 700_000, LAYOUT, TransferListener.NONE), Long.MAX_VALUE);
        assertTrue(shrank.failure() instanceof IOException && shrank.failure().getMessage().contains("changed"),
                String.valueOf(shrank.failure()));
    }

    @Test
    void aMissingFileFailsTheUpload() throws Exception {
        Emitted e = read(MultipartBody.ofFile(dir.resolve("gone"), 10, LAYOUT, TransferListener.NONE), Long.MAX_VALUE);
        assertTrue(e.failure() instanceof java.nio.file.NoSuchFileException, String.valueOf(e.failure()));
    }
}

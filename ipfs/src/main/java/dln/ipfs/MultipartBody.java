package dln.ipfs;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCidHasher;
import dln.ipfs.cid.ImportLayout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multipart/form-data body with one file part, streamed from disk (or a stream) in
 * chunk-sized buffers and hashed on the way out, so that the CID Kubo answers with can be
 * checked against the CID of the bytes actually sent without a second pass over the file.
 *
 * <p>The JDK's own publishers read in 16 KiB pieces and offer no hook for hashing, hence this
 * class. A reader thread per upload reads and hashes up to {@link #PREFETCH} chunks ahead:
 * done on the HTTP client's thread, disk reads and hashing would stall the socket writes
 * between chunks. One instance serves one request attempt.
 */
final class MultipartBody implements HttpRequest.BodyPublisher {
    static final int PREFETCH = 16;
    private static final Object END = new Object();

    /** Where the file bytes come from; opened once per subscription. */
    interface Source extends Closeable {
        /** Fills {@code buffer} completely unless the end is reached; returns bytes read, -1 at the end. */
        int read(byte[] buffer) throws IOException;
    }

    /** Opens a {@link Source}. */
    interface SourceFactory {
        Source open() throws IOException;
    }

    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final long fileLength;
    private final SourceFactory factory;
    private final ImportLayout layout;
    private volatile Cid cid;
    private volatile long sent;

    private MultipartBody(String fileName, long fileLength, SourceFactory factory, ImportLayout layout) {
        this.boundary = "dln-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
        // Kubo URL-decodes the part's filename.
        String name = URLEncoder.encode(fileName, StandardCharsets.UTF_8);
        this.head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.fileLength = fileLength;
        this.factory = factory;
        this.layout = layout;
    }

    static MultipartBody ofFile(Path file, long length, ImportLayout layout) {
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        return new MultipartBody(name, length, () -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new Source() {
                @Override
                public int read(byte[] buffer) throws IOException {
                    ByteBuffer bb = ByteBuffer.wrap(buffer);
                    while (bb.hasRemaining()) {
                        if (channel.read(bb) < 0) {
                            break;
                        }
                    }
                    return bb.position() == 0 && buffer.length > 0 ? -1 : bb.position();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }, layout);
    }

    static MultipartBody ofStream(InputStream in, String name, ImportLayout layout) {
        return new MultipartBody(name, -1, () -> new Source() {
            @Override
            public int read(byte[] buffer) throws IOException {
                int n = in.readNBytes(buffer, 0, buffer.length);
                return n == 0 && buffer.length > 0 ? -1 : n;
            }

            @Override
            public void close() {
                // The caller owns the stream.
            }
        }, layout);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** @return the CID of the file part, once the whole body has been handed to the HTTP client */
    Cid cid() {
        return cid;
    }

    /** @return bytes of the file part sent so far */
    long fileBytesSent() {
        return sent;
    }

    @Override
    public long contentLength() {
        return fileLength < 0 ? -1 : head.length + fileLength + tail.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Subscription(subscriber));
    }

    /** Emits head, file chunks, tail, honouring demand; reentrant request() calls are queued by the drain loop. */
    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(PREFETCH);
        private Thread reader;
        private int stage; // 0 head, 1 file, 2 tail, 3 done
        private volatile boolean cancelled;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                stopReader();
                subscriber.onError(new IllegalArgumentException("request(" + n + ")"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            stopReader();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!cancelled && stage < 3 && demand.get() > 0) {
                    ByteBuffer next;
                    try {
                        next = next();
                    } catch (IOException | RuntimeException e) {
                        stage = 3;
                        stopReader();
                        subscriber.onError(e);
                        return;
                    }
                    if (next != null) {
                        demand.decrementAndGet();
                        subscriber.onNext(next);
                    }
                    if (stage == 3) {
                        subscriber.onComplete();
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }

        /** The next buffer, or null when a stage ended without producing one. */
        private ByteBuffer next() throws IOException {
            switch (stage) {
                case 0:
                    stage = 1;
                    reader = new Thread(this::readAhead, "dln-ipfs-add-reader");
                    reader.setDaemon(true);
                    reader.start();
                    return ByteBuffer.wrap(head);
                case 1:
                    Object item;
                    try {
                        item = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while uploading");
                    }
                    if (item == END) {
                        stage = 2;
                        return null;
                    }
                    if (item instanceof IOException e) {
                        throw e;
                    }
                    if (item instanceof RuntimeException e) {
                        throw e;
                    }
                    return (ByteBuffer) item;
                case 2:
                    stage = 3;
                    return ByteBuffer.wrap(tail);
                default:
                    return null;
            }
        }

        /** Runs on the reader thread: read, hash, queue; ends with END or the failure. */
        private void readAhead() {
            FileCidHasher hasher = new FileCidHasher(layout);
            long fileBytes = 0;
            try (Source source = factory.open()) {
                while (!cancelled) {
                    // A fresh array per chunk: the HTTP client may still hold earlier ones.
                    byte[] chunk = new byte[layout.chunkSize()];
                    int n = source.read(chunk);
                    if (n < 0) {
                        if (fileLength >= 0 && fileBytes != fileLength) {
                            throw new IOException("the file changed while uploading: expected " + fileLength
                                    + " bytes, read " + fileBytes);
                        }
                        cid = hasher.finish();
                        chunks.put(END);
                        return;
                    }
                    hasher.update(chunk, 0, n);
                    fileBytes += n;
                    sent = fileBytes;
                    if (fileLength >= 0 && fileBytes > fileLength) {
                        throw new IOException("the file grew while uploading beyond " + fileLength + " bytes");
                    }
                    chunks.put(ByteBuffer.wrap(chunk, 0, n));
                }
            } catch (InterruptedException e) {
                // Cancelled: nobody waits for more chunks.
            } catch (IOException | RuntimeException e) {
                chunks.clear();
                chunks.offer(e);
            }
        }

        private void stopReader() {
            Thread r = reader;
            if (r != null) {
                r.interrupt();
            }
        }
    }
}

package dln.ipfs.transport;

import dln.ipfs.TransferListener;
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
import java.nio.MappedByteBuffer;
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
public final class MultipartBody implements HttpRequest.BodyPublisher {
    static final int PREFETCH = 16;
    // Mapped at a time; bounds address space, not memory (mapped pages are the page cache).
    private static final long MAP_WINDOW = 64L << 20;
    private static final Object END = new Object();

    /** Where the file bytes come from; opened once per subscription. */
    interface Source extends Closeable {
        /**
         * The next piece of the file, at most {@code max} bytes and short only at the end, or
         * null at the end. The buffer is handed to the HTTP client and never reused.
         */
        ByteBuffer next(int max) throws IOException;
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
    private final TransferListener listener;

    private MultipartBody(String fileName, long fileLength, SourceFactory factory, ImportLayout layout, TransferListener listener) {
        this.listener = listener;
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

    /**
     * The file is memory-mapped in windows and sent as slices of the mapping: the socket write
     * then copies straight from the page cache, where heap buffers would cost two more copies
     * per byte (file to heap, heap to a native buffer) on a machine whose CPU the node needs.
     */
    /**
     * @param file     the file to send; it must not change during the upload
     * @param length   its size, checked against what is read
     * @param layout   the chunking to compute the CID with and to read by
     * @param listener told of the file bytes handed to the connection
     * @return a body for one request attempt
     */
    public static MultipartBody ofFile(Path file, long length, ImportLayout layout, TransferListener listener) {
        String name = file.getFileName() == null ? "file" : file.getFileName().toString();
        return new MultipartBody(name, length, () -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new Source() {
                private MappedByteBuffer window;
                private long windowStart;
                private long position;

                @Override
                public ByteBuffer next(int max) throws IOException {
                    long size = channel.size();
                    if (position >= size) {
                        return null;
                    }
                    int n = (int) Math.min(max, size - position);
                    if (window == null || position + n > windowStart + window.capacity()) {
                        windowStart = position;
                        long span = Math.min(MAP_WINDOW - MAP_WINDOW % max, size - position);
                        window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, Math.max(span, n));
                    }
                    ByteBuffer piece = window.slice((int) (position - windowStart), n);
                    position += n;
                    return piece;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }, layout, listener);
    }

    /**
     * A body of unknown length, sent chunked; it can serve one attempt only, as the stream
     * cannot be rewound.
     *
     * @param in     the bytes to send, read to the end and not closed
     * @param name   the part's file name, for the node's logs
     * @param layout the chunking to compute the CID with and to read by
     * @return a body for one request attempt
     */
    public static MultipartBody ofStream(InputStream in, String name, ImportLayout layout) {
        return new MultipartBody(name, -1, () -> new Source() {
            @Override
            public ByteBuffer next(int max) throws IOException {
                // A fresh array per piece: the HTTP client may still hold earlier ones.
                byte[] piece = new byte[max];
                int n = in.readNBytes(piece, 0, max);
                return n == 0 ? null : ByteBuffer.wrap(piece, 0, n);
            }

            @Override
            public void close() {
                // The caller owns the stream.
            }
        }, layout, TransferListener.NONE);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** @return the CID of the file part, once the whole body has been handed to the HTTP client, else null */
    public Cid cid() {
        return cid;
    }

    /** @return bytes of the file part sent so far */
    public long fileBytesSent() {
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
        private long delivered;
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
                    final boolean fileBytes = stage == 1;
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
                        final int n = next.remaining();
                        subscriber.onNext(next);
                        if (fileBytes) {
                            delivered += n;
                            listener.transferred(delivered, fileLength);
                        }
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
                    ByteBuffer chunk = source.next(layout.chunkSize());
                    if (chunk == null) {
                        if (fileLength >= 0 && fileBytes != fileLength) {
                            throw new IOException("the file changed while uploading: expected " + fileLength
                                    + " bytes, read " + fileBytes);
                        }
                        cid = hasher.finish();
                        chunks.put(END);
                        return;
                    }
                    int n = chunk.remaining();
                    hasher.update(chunk.duplicate());
                    fileBytes += n;
                    sent = fileBytes;
                    if (fileLength >= 0 && fileBytes > fileLength) {
                        throw new IOException("the file grew while uploading beyond " + fileLength + " bytes");
                    }
                    chunks.put(chunk);
                }
            } catch (InterruptedException e) {
                // Cancelled: nobody waits for more chunks.
            } catch (IOException | RuntimeException e) {
                chunks.clear();
                chunks.offer(e);
            } catch (InternalError e) {
                // What a read of a mapping turns into when the file is truncated under it.
                chunks.clear();
                chunks.offer(new IOException("the file shrank while uploading: " + e.getMessage(), e));
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

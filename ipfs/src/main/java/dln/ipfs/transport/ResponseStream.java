package dln.ipfs.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body as an InputStream that reads ahead a bounded number of network buffers.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: it asks the connection for one buffer at a
 * time (Kubo sends a few KiB per chunk) and each read returns at most one of them, so a 200 MB
 * cat costs tens of thousands of thread hand-offs and small reads. Here the connection may run
 * up to {@link #READ_AHEAD} buffers ahead (a few MiB at most) and one read drains as many
 * buffered bytes as fit in the caller's array.
 *
 * <p>It also bounds how long a read may wait for the next byte: {@code HttpRequest.timeout}
 * covers only the wait for the response headers, and a node that stalls mid-body would
 * otherwise block the reader forever.
 */
public final class ResponseStream extends InputStream implements HttpResponse.BodySubscriber<ResponseStream> {
    static final int READ_AHEAD = 256;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private boolean complete;
    private Throwable error;
    private boolean closed;
    // Items received since demand was last renewed; renewed in batches as the reader consumes them.
    private int deliveredItems;
    private final long idleTimeoutNanos;

    private ResponseStream(Duration idleTimeout) {
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    /** Bodies whose reads fail after {@code idleTimeout} without any data. */
    static HttpResponse.BodyHandler<ResponseStream> handler(Duration idleTimeout) {
        return info -> new ResponseStream(idleTimeout);
    }

    @Override
    public CompletionStage<ResponseStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        lock.lock();
        try {
            cancel = closed || subscription != null;
            if (!cancel) {
                subscription = s;
            }
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(READ_AHEAD);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        boolean empty = true;
        Flow.Subscription s;
        lock.lock();
        try {
            if (!closed) {
                for (ByteBuffer b : items) {
                    if (b.hasRemaining()) {
                        buffers.add(b);
                        empty = false;
                    }
                }
            }
            if (!empty) {
                deliveredItems++;
                readable.signalAll();
            }
            s = subscription;
        } finally {
            lock.unlock();
        }
        // An item without bytes would never be consumed by a read, so its demand is renewed here.
        if (empty && s != null) {
            s.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            error = t;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            complete = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
    }

    /**
     * Reads into a buffer (typically direct, so a file write from it needs no further copy);
     * the array read wraps its array and comes here.
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return bytes read, at least one unless {@code dst} is full, or -1 at the end of the response
     * @throws IOException if the connection failed or no data came within the idle timeout
     */
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        int before = dst.position();
        long renew = 0;
        Flow.Subscription s;
        Flow.Subscription stalled = null;
        lock.lock();
        try {
            if (closed) {
                throw new IOException("stream closed");
            }
            long wait = idleTimeoutNanos;
            while (buffers.isEmpty() && !complete && error == null) {
                if (wait <= 0) {
                    error = new HttpTimeoutException("no data from the node for "
                            + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms");
                    stalled = subscription;
                    break;
                }
                try {
                    wait = readable.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the node");
                }
            }
            while (dst.hasRemaining() && !buffers.isEmpty()) {
                ByteBuffer head = buffers.peek();
                if (head.remaining() <= dst.remaining()) {
                    dst.put(head);
                    buffers.poll();
                } else {
                    ByteBuffer part = head.slice();
                    part.limit(dst.remaining());
                    dst.put(part);
                    head.position(head.position() + part.limit());
                }
            }
            if (deliveredItems >= READ_AHEAD / 2 && buffers.size() < READ_AHEAD / 2) {
                renew = deliveredItems;
                deliveredItems = 0;
            }
            s = subscription;
            if (dst.position() == before && error == null) {
                return -1;
            }
        } finally {
            lock.unlock();
        }
        if (dst.position() == before) {
            if (stalled != null) {
                stalled.cancel();
            }
            throw error instanceof IOException io ? new IOException(io.getMessage(), io)
                    : new IOException("reading the response failed: " + error, error);
        }
        if (renew > 0 && s != null) {
            s.request(renew);
        }
        return dst.position() - before;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return buffers.isEmpty() ? 0 : buffers.peek().remaining();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Flow.Subscription s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            buffers.clear();
            s = complete || error != null ? null : subscription;
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }
}

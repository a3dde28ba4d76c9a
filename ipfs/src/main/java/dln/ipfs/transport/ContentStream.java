package dln.ipfs.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;

/**
 * A content answer (such as {@code cat}'s) read straight from the connection's socket, whose
 * reads fail once the node sends nothing for the idle limit.
 *
 * <p>Why blocking reads and not the JDK's {@code HttpClient} that other calls use: its body
 * pipeline hands every network buffer across threads and copies it on the way. Fetching 200 MB
 * from a local Kubo took 0.33-0.53 s and 0.28-0.39 core-s through it, against 0.21-0.22 s and
 * 0.08-0.09 core-s with {@link HttpURLConnection} (docs/performance.md, 2026-12-05).
 *
 * <p>An interrupt is honoured between reads; a read itself waits at most the idle limit.
 */
public final class ContentStream extends InputStream {
    private final HttpURLConnection connection;
    private final InputStream body;
    private final ReadWatchdog.Watch watch;
    private final long length;
    private long received;
    private byte[] scratch;
    private boolean closed;

    ContentStream(HttpURLConnection connection, InputStream body, ReadWatchdog.Watch watch) {
        this.connection = connection;
        this.body = body;
        this.watch = watch;
        this.length = connection.getContentLengthLong();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while reading from the node");
        }
        int n;
        try {
            n = body.read(b, off, len);
        } catch (IOException e) {
            throw stalledOr(e);
        }
        if (n < 0 && watch.fired()) {
            throw stalledOr(null);
        }
        // HttpURLConnection ends a body of known length cut short as if it were complete.
        if (n < 0 && length >= 0 && received < length) {
            throw new IOException("the node closed the connection after " + received + " of " + length + " bytes");
        }
        if (n > 0) {
            received += n;
        }
        watch.progress();
        return n;
    }

    /**
     * Reads into a buffer (typically direct, so a file write from it needs no further copy).
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return bytes read, at least one unless {@code dst} is full, or -1 at the end of the answer
     * @throws IOException if the connection failed or no data came within the idle limit
     */
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            int n = read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        if (scratch == null) {
            scratch = new byte[64 * 1024];
        }
        int n = read(scratch, 0, Math.min(scratch.length, dst.remaining()));
        if (n > 0) {
            dst.put(scratch, 0, n);
        }
        return n;
    }

    private IOException stalledOr(IOException e) {
        if (watch.fired()) {
            HttpTimeoutException stall = new HttpTimeoutException("no data from the node for " + watch.limit().toMillis() + " ms");
            if (e != null) {
                stall.initCause(e);
            }
            return stall;
        }
        return e;
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : body.available();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        watch.close();
        try {
            body.close();
        } finally {
            if (watch.fired()) {
                connection.disconnect();
            }
        }
    }
}

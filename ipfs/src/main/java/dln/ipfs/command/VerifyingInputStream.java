package dln.ipfs.command;

import dln.ipfs.CidMismatchException;
import dln.ipfs.IpfsException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.cid.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Passes content through while recomputing its CID, and withholds the very last byte until the
 * end of the content has been seen and the CID matched: a reader can never obtain the complete
 * content of a mismatching file, and the read that would complete it throws
 * {@link CidMismatchException} instead (as does every later read).
 *
 * <p>Holding back one byte, in the caller's own buffer, costs no extra copy of the data.
 *
 * <p>Closing the stream before its end fails too (after reading on up to 64 KiB to find the
 * end): otherwise a reader that stops at the length it expects would accept unverified bytes.
 *
 * <p>A connection lost mid-content (the node restarted, say) is resumed where it broke off, when
 * a {@link Resume} is given: the rest is asked for from the byte reached, and the verifier goes on
 * over it, so a resumed stream is exactly as trustworthy as an unbroken one. Resumes are bounded
 * so that a node that keeps cutting the answer short still ends in a failure.
 */
final class VerifyingInputStream extends InputStream {
    private static final int TRANSFER_BUFFER = 1 << 20;
    private static final long CLOSE_DRAIN_LIMIT = 64 * 1024;
    private static final int MAX_RESUMES = 8;

    /** Opens the content again from a byte offset, retrying within the client's policy. */
    @FunctionalInterface
    interface Resume {
        InputStream from(long offset) throws IOException;
    }

    private InputStream upstream;
    private final Resume resume; // null: the first lost connection fails the stream
    private int resumes;
    private final Cid expected;
    private final ContentVerifier verifier;
    private final String source;
    private long received;
    private boolean holding;
    private byte held;
    private boolean verified;
    private IOException failure;
    private boolean closed;

    VerifyingInputStream(InputStream upstream, Cid expected, ContentVerifier verifier, String source, Resume resume) {
        this.upstream = upstream;
        this.resume = resume;
        this.expected = expected;
        this.verifier = verifier;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        if (verified) {
            return -1;
        }
        while (true) {
            if (!holding) {
                int n = upstreamRead(b, off, len);
                if (n < 0) {
                    verify();
                    return -1;
                }
                if (n > 0) {
                    accept(b, off, n);
                    held = b[off + n - 1];
                    holding = true;
                    if (n > 1) {
                        return n - 1;
                    }
                }
                continue;
            }
            // The held byte goes first; fresh bytes land right after it, the last of them is held.
            b[off] = held;
            int n = len == 1 ? readOneAfterHeld() : upstreamRead(b, off + 1, len - 1);
            if (n < 0) {
                verify();
                holding = false;
                return 1;
            }
            if (n > 0 && len > 1) {
                accept(b, off + 1, n);
                held = b[off + n];
                return n;
            }
            if (n > 0) {
                return 1;
            }
        }
    }

    private int readOneAfterHeld() throws IOException {
        int next;
        while (true) {
            try {
                next = upstream.read();
                break;
            } catch (IOException e) {
                resumeOrFail(e);
            }
        }
        if (next < 0) {
            return -1;
        }
        byte[] one = {(byte) next};
        accept(one, 0, 1);
        held = one[0];
        return 1;
    }

    private int upstreamRead(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                return upstream.read(b, off, len);
            } catch (IOException e) {
                resumeOrFail(e);
            }
        }
    }

    /** Reopens the content at the byte reached, or throws why the stream ends here. */
    private void resumeOrFail(IOException e) throws IOException {
        if (resume == null || resumes >= MAX_RESUMES || (e instanceof IpfsException && !(e instanceof IpfsUnavailableException))) {
            throw lost(e);
        }
        resumes++;
        closeQuietly(upstream);
        try {
            upstream = resume.from(received);
        } catch (IOException again) {
            again.addSuppressed(e);
            // A resume the node cut again or did not answer (its own attempts spent) is the same lost
            // connection and is said the same way; a refusal (e.g. the content is gone) is its own answer.
            throw lost(again instanceof IpfsUnavailableException ? new IOException(again.getMessage(), again) : again);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The connection is already broken; the new one carries on.
        }
    }

    private IOException lost(IOException e) {
        failure = e instanceof IpfsException ? e : new IpfsUnavailableException(source + ": connection to the node lost after "
                + received + " bytes of " + expected + " (" + e + "); read it again", e);
        return failure;
    }

    private void accept(byte[] b, int off, int n) {
        verifier.update(b, off, n);
        received += n;
    }

    private void verify() throws IOException {
        Cid actual = verifier.finish();
        if (!actual.equals(expected)) {
            failure = new CidMismatchException(source + ": the " + received + " bytes received hash to " + actual
                    + ", not to the requested " + expected + "; the node returned corrupt or truncated content, "
                    + "discard what was read", expected, actual);
            throw failure;
        }
        verified = true;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        // Large reads: the default 8 KiB buffer would cost a call per few packets.
        byte[] buffer = new byte[TRANSFER_BUFFER];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /**
     * Closing before the end would leave what was read unverified, so close first reads on a
     * little, to catch a reader that stopped just short of the end (e.g. at a known length);
     * if the end is still not reached, close fails, as it does on a mismatch.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!verified && failure == null) {
                byte[] scratch = new byte[8192];
                long budget = CLOSE_DRAIN_LIMIT;
                while (budget > 0 && !verified) {
                    int n = read(scratch, 0, (int) Math.min(scratch.length, budget));
                    if (n < 0) {
                        break;
                    }
                    budget -= n;
                }
                if (!verified) {
                    throw new IpfsException(source + ": closed after " + received + " bytes, before the end of the content;"
                            + " what was read is unverified. Read to the end (or use fetchToFile) to verify it", null);
                }
            }
        } finally {
            upstream.close();
        }
    }
}

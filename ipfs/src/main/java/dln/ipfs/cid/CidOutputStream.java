package dln.ipfs.cid;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that keeps nothing but computes the CID of what is written to it, as
 * {@code ipfs add --only-hash --cid-version=1 --raw-leaves} would for a file of those bytes.
 * Lets a writer that streams a file (a weight file of hundreds of MB) learn its CID without
 * the file or a byte array of it: memory stays that of one {@link FileCidHasher}.
 *
 * <p>Write, then call {@link #cid()} once; {@code close()} does nothing. Not thread-safe.
 */
public final class CidOutputStream extends OutputStream {
    private final FileCidHasher hasher;
    private Cid cid;

    /** A stream with Kubo's default layout. */
    public CidOutputStream() {
        this(ImportLayout.KUBO_DEFAULT);
    }

    /**
     * @param layout chunk size and fan-out to reproduce
     */
    public CidOutputStream(ImportLayout layout) {
        this.hasher = new FileCidHasher(layout);
    }

    @Override
    public void write(int b) {
        hasher.update(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        hasher.update(bytes, offset, length);
    }

    /**
     * A stream that writes to {@code out} and hashes the same bytes here, so a file and its CID
     * come out of one pass. Closing it closes {@code out}.
     *
     * @param out where the bytes go
     * @return the stream to write to
     */
    public OutputStream alongside(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                CidOutputStream.this.write(bytes, offset, length);
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                CidOutputStream.this.write(b);
            }
        };
    }

    /** @return bytes written so far */
    public long size() {
        return hasher.size();
    }

    /**
     * Completes the computation; nothing may be written afterwards.
     *
     * @return the CID of the bytes written (the same on every later call)
     */
    public Cid cid() {
        if (cid == null) {
            cid = hasher.finish();
        }
        return cid;
    }
}

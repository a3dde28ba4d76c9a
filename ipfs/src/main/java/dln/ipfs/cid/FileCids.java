package dln.ipfs.cid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One-call CID computation for whole files, streams and byte arrays, identical to
 * {@code ipfs add --only-hash --cid-version=1 --raw-leaves}.
 */
public final class FileCids {
    // Large reads keep the syscall count low; one chunk is the natural unit.
    private static final int BUFFER_SIZE = 1 << 20;

    private FileCids() {
    }

    /**
     * @param bytes the whole content
     * @return its CID with Kubo's default layout
     */
    public static Cid of(byte[] bytes) {
        FileCidHasher hasher = new FileCidHasher();
        hasher.update(bytes, 0, bytes.length);
        return hasher.finish();
    }

    /**
     * Reads the stream to its end (without closing it) and returns the CID of what was read.
     *
     * @param in     the content
     * @param layout the layout to reproduce
     * @return the CID
     * @throws IOException if reading fails
     */
    public static Cid of(InputStream in, ImportLayout layout) throws IOException {
        FileCidHasher hasher = new FileCidHasher(layout);
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            hasher.update(buffer, 0, n);
        }
        return hasher.finish();
    }

    /**
     * @param in the content, read to its end and not closed
     * @return its CID with Kubo's default layout
     * @throws IOException if reading fails
     */
    public static Cid of(InputStream in) throws IOException {
        return of(in, ImportLayout.KUBO_DEFAULT);
    }

    /**
     * @param file a regular file
     * @return its CID with Kubo's default layout
     * @throws IOException if the file cannot be read
     */
    public static Cid of(Path file) throws IOException {
        FileCidHasher hasher = new FileCidHasher();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // A heap buffer: MessageDigest reads its array directly instead of copying out of native memory.
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                hasher.update(buffer);
                buffer.clear();
            }
        }
        return hasher.finish();
    }
}

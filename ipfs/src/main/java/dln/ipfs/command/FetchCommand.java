package dln.ipfs.command;

import dln.ipfs.CidMismatchException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.transport.KuboTransport;
import dln.ipfs.transport.ResponseStream;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * {@code cat} into a file: the content goes to a temporary file next to the target, which
 * replaces the target only once verified, so the target never holds unverified bytes.
 */
public final class FetchCommand {
    private final KuboTransport transport;
    private final ImportLayout layout;

    /**
     * @param transport the node
     * @param layout    the layout dag-pb CIDs were built with, to recompute them
     */
    public FetchCommand(KuboTransport transport, ImportLayout layout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * A download cut by a connection failure starts over, within the retry policy.
     *
     * @param cid    a CIDv1 (raw, or dag-pb built with this command's layout)
     * @param target where to put the file; replaced if it exists
     * @return the file's size in bytes
     * @throws IllegalArgumentException if {@code cid} is a CIDv0, which cannot be verified
     * @throws CidMismatchException     if the content does not match {@code cid}
     * @throws dln.ipfs.ContentNotFoundException if the node found no content within the find timeout
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the node refuses or the file cannot be written
     */
    public long toFile(Cid cid, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        ContentVerifier.forCid(cid, layout); // fail fast on an unverifiable CID
        return transport.retrying("fetch " + cid, () -> fetchOnce(cid, absolute));
    }

    private long fetchOnce(Cid cid, Path target) throws IOException {
        ContentVerifier verifier = ContentVerifier.forCid(cid, layout);
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        boolean done = false;
        try {
            long total;
            try (ResponseStream in = transport.find("cat", CatCommand.query(cid), cid);
                 AsynchronousFileChannel out = AsynchronousFileChannel.open(temp, StandardOpenOption.WRITE)) {
                total = DoubleBufferedCopy.copy(in, verifier, out, "fetch " + cid);
            }
            Cid actual = verifier.finish();
            if (!actual.equals(cid)) {
                throw new CidMismatchException("fetch " + cid + ": the " + total + " bytes received hash to " + actual
                        + ", not to the requested " + cid + "; the node returned corrupt or truncated content, "
                        + "nothing was written to " + target, cid, actual);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return total;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}

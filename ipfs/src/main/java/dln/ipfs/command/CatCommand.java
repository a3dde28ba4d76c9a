package dln.ipfs.command;

import dln.ipfs.IpfsException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.transport.KuboTransport;
import java.io.InputStream;
import java.util.Objects;

/** {@code cat}: streams a file's content, verified against its CID while it is read. */
public final class CatCommand {
    private final KuboTransport transport;
    private final ImportLayout layout;

    /**
     * @param transport the node
     * @param layout    the layout dag-pb CIDs were built with, to recompute them
     */
    public CatCommand(KuboTransport transport, ImportLayout layout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * A connection lost mid-content is resumed from the byte reached (Kubo's {@code offset}),
     * within the retry policy; the read that would deliver the last byte of content that does not match throws
     * {@link dln.ipfs.CidMismatchException} instead, as does every read after it; {@code close()}
     * before the end throws {@link IpfsException} unless the end lies within 64 KiB.
     *
     * @param cid a CIDv1 (raw, or dag-pb built with this command's layout)
     * @return the content; its reads may throw {@link IpfsException}
     * @throws IllegalArgumentException if {@code cid} is a CIDv0, which cannot be verified
     * @throws dln.ipfs.ContentNotFoundException if the node found no content within the find timeout
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws dln.ipfs.IpfsCommandException     if the node refuses
     */
    public InputStream cat(Cid cid) throws IpfsException {
        ContentVerifier verifier = ContentVerifier.forCid(cid, layout);
        VerifyingInputStream.Resume resume = transport.policy().maxAttempts() == 1 ? null
                : offset -> transport.retrying("cat " + cid + " from byte " + offset,
                        () -> transport.find("cat", query(cid) + "&offset=" + offset, cid));
        return transport.retrying("cat " + cid, () ->
                new VerifyingInputStream(transport.find("cat", query(cid), cid), cid, verifier, "cat " + cid, resume));
    }

    /** The cat call, shared with {@link FetchCommand}, which reads the same answer into a file. */
    static String query(Cid cid) {
        return "arg=" + cid + "&progress=false";
    }
}

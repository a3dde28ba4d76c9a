package dln.ipfs.cid;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes, incrementally, the CID that {@code ipfs add --cid-version=1 --raw-leaves} gives a
 * file: the bytes are cut into fixed-size chunks, each a raw leaf, and the leaves hang under a
 * balanced tree of dag-pb nodes of at most {@link ImportLayout#maxLinks()} children. A file of
 * at most one chunk is its own raw leaf.
 *
 * <p>Memory stays bounded whatever the file size: only the digest of the current chunk and,
 * per tree level, the links of the node being filled are kept. Feed bytes in any slicing with
 * {@code update}, then call {@link #finish()} once. Not thread-safe; one instance per file.
 */
public final class FileCidHasher {
    private final ImportLayout layout;
    private final MessageDigest leafDigest;
    // levels.get(0) holds leaves, levels.get(k) holds nodes of depth k, all not yet under a parent.
    private final List<List<DagPbNode.Link>> levels = new ArrayList<>();
    private int chunkFill;
    private long size;
    private boolean finished;

    /** A hasher with Kubo's default layout. */
    public FileCidHasher() {
        this(ImportLayout.KUBO_DEFAULT);
    }

    /**
     * @param layout chunk size and fan-out to reproduce
     */
    public FileCidHasher(ImportLayout layout) {
        this.layout = layout;
        this.leafDigest = sha256();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * Adds the next bytes of the file.
     *
     * @param bytes  source array
     * @param offset first byte to add
     * @param length number of bytes to add
     */
    public void update(byte[] bytes, int offset, int length) {
        checkOpen();
        int off = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, layout.chunkSize() - chunkFill);
            leafDigest.update(bytes, off, n);
            advance(n);
            off += n;
            left -= n;
        }
    }

    /**
     * Adds the remaining bytes of {@code buffer} (its position moves to its limit).
     *
     * @param buffer the next bytes of the file
     */
    public void update(ByteBuffer buffer) {
        checkOpen();
        while (buffer.hasRemaining()) {
            int n = Math.min(buffer.remaining(), layout.chunkSize() - chunkFill);
            ByteBuffer slice = buffer.slice();
            slice.limit(n);
            leafDigest.update(slice);
            buffer.position(buffer.position() + n);
            advance(n);
        }
    }

    /** @return bytes added so far */
    public long size() {
        return size;
    }

    private void advance(int n) {
        chunkFill += n;
        size += n;
        if (chunkFill == layout.chunkSize()) {
            closeLeaf();
        }
    }

    private void closeLeaf() {
        byte[] cid = Cid.rawSha256(leafDigest.digest()).toBytes();
        add(0, new DagPbNode.Link(cid, chunkFill, chunkFill));
        chunkFill = 0;
    }

    // A full level is folded into a parent only when one more sibling arrives: if no more
    // data comes, that full node may be the root and must not gain a parent of its own.
    private void add(int level, DagPbNode.Link link) {
        if (levels.size() == level) {
            levels.add(new ArrayList<>(layout.maxLinks()));
        }
        List<DagPbNode.Link> siblings = levels.get(level);
        if (siblings.size() == layout.maxLinks()) {
            add(level + 1, fold(siblings));
            siblings.clear();
        }
        siblings.add(link);
    }

    private static DagPbNode.Link fold(List<DagPbNode.Link> children) {
        byte[] encoded = DagPbNode.encode(children);
        long tsize = encoded.length;
        long fileSize = 0;
        for (DagPbNode.Link child : children) {
            tsize += child.tsize();
            fileSize += child.fileSize();
        }
        byte[] cid = Cid.dagPbSha256(sha256().digest(encoded)).toBytes();
        return new DagPbNode.Link(cid, tsize, fileSize);
    }

    /**
     * Completes the tree and returns the file's CID. The hasher cannot be used afterwards.
     *
     * @return the CID Kubo would print for the same bytes and layout
     */
    public Cid finish() {
        checkOpen();
        finished = true;
        // An empty file is one empty raw leaf, as in Kubo.
        if (chunkFill > 0 || size == 0) {
            closeLeaf();
        }
        for (int level = 0; ; level++) {
            List<DagPbNode.Link> siblings = levels.get(level);
            if (level == levels.size() - 1 && siblings.size() == 1) {
                return Cid.fromBytes(siblings.get(0).cid());
            }
            add(level + 1, fold(siblings));
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("finish() was already called; use a new FileCidHasher per file");
        }
    }
}

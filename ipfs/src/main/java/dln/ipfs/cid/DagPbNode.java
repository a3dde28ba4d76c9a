package dln.ipfs.cid;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes an intermediate UnixFS file node exactly as Kubo (boxo/merkledag) does:
 * PBNode { repeated PBLink Links = 2; bytes Data = 1 } with Links written first, every link
 * carrying Hash, an empty Name and Tsize, and Data = UnixFS { Type = File, filesize,
 * repeated blocksizes } (proto2, so blocksizes are not packed).
 */
final class DagPbNode {
    /** A child as the parent sees it. */
    record Link(byte[] cid, long tsize, long fileSize) {
    }

    private static final int UNIXFS_TYPE_FILE = 2;

    private DagPbNode() {
    }

    static byte[] encode(List<Link> links) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(links.size() * 48 + 32);
        long fileSize = 0;
        for (Link link : links) {
            int cidField = 1 + Varint.size(link.cid().length) + link.cid().length;
            int nameField = 2;
            int tsizeField = 1 + Varint.size(link.tsize());
            out.write(0x12); // field 2 (Links), length-delimited
            Varint.write(out, cidField + nameField + tsizeField);
            out.write(0x0A); // PBLink.Hash
            Varint.write(out, link.cid().length);
            out.writeBytes(link.cid());
            out.write(0x12); // PBLink.Name, always present and empty in Kubo's encoding
            out.write(0x00);
            out.write(0x18); // PBLink.Tsize
            Varint.write(out, link.tsize());
            fileSize += link.fileSize();
        }
        ByteArrayOutputStream unixfs = new ByteArrayOutputStream(16 + links.size() * 5);
        unixfs.write(0x08); // Type
        Varint.write(unixfs, UNIXFS_TYPE_FILE);
        unixfs.write(0x18); // filesize
        Varint.write(unixfs, fileSize);
        for (Link link : links) {
            unixfs.write(0x20); // blocksizes
            Varint.write(unixfs, link.fileSize());
        }
        out.write(0x0A); // field 1 (Data)
        Varint.write(out, unixfs.size());
        out.writeBytes(unixfs.toByteArray());
        return out.toByteArray();
    }
}

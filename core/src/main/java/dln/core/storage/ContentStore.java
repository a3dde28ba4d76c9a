package dln.core.storage;

import dln.ipfs.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed storage, the protocol's port to IPFS: bytes go in, a CID comes back, and
 * reading a CID gives exactly the bytes that hash to it (a store verifies before it hands out).
 */
public interface ContentStore {

    /** Adds and pins {@code file}, telling {@code progress} of the bytes sent; returns its CID (CIDv1, raw leaves). */
    String add(Path file, TransferListener progress) throws IOException;

    /** Adds and pins {@code bytes}; returns their CID. */
    String add(byte[] bytes) throws IOException;

    /** The content of {@code cid}, verified against it while read. */
    InputStream cat(String cid) throws IOException;
}

package dln.core.storage;

import dln.ipfs.ContentNotFoundException;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.FileCids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A content store in memory, for unit tests and offline simulations: CIDs are computed exactly
 * as Kubo computes them (so a CID recorded in a simulation is the one the network would hold),
 * and a CID it never received is not found.
 */
public final class MemoryStore implements ContentStore {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public String add(final Path file, final TransferListener progress) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        final String cid = add(bytes);
        progress.transferred(bytes.length, bytes.length);
        return cid;
    }

    @Override
    public String add(final byte[] bytes) throws IOException {
        final String cid = FileCids.of(bytes).toString();
        blobs.put(cid, bytes.clone());
        return cid;
    }

    @Override
    public InputStream cat(final String cid) throws IOException {
        final byte[] b = blobs.get(cid);
        if (b == null) {
            throw new ContentNotFoundException("no content for " + cid + " in this store", dln.ipfs.cid.Cid.parse(cid), null);
        }
        return new ByteArrayInputStream(b);
    }

    /** How many distinct contents it holds. */
    public int size() {
        return blobs.size();
    }
}

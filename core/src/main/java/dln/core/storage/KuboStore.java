package dln.core.storage;

import dln.ipfs.KuboClient;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The content store on a Kubo node: the Kubo client verifies every read against its CID. */
public record KuboStore(KuboClient ipfs) implements ContentStore {

    @Override
    public String add(final Path file, final TransferListener progress) throws IOException {
        return ipfs.add(file, true, progress).cid().toString();
    }

    @Override
    public String add(final byte[] bytes) throws IOException {
        return ipfs.add(new ByteArrayInputStream(bytes), "blob", true).cid().toString();
    }

    @Override
    public InputStream cat(final String cid) throws IOException {
        return ipfs.cat(Cid.parse(cid));
    }
}

package dln.core.storage;

import dln.ipfs.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A test's view of IPFS that passes every call to another store unless it overrides it. */
public interface ForwardingStore extends ContentStore {

    /** The store every call not overridden goes to. */
    ContentStore inner();

    @Override
    default String add(final Path file, final TransferListener progress) throws IOException {
        return inner().add(file, progress);
    }

    @Override
    default String add(final byte[] bytes) throws IOException {
        return inner().add(bytes);
    }

    @Override
    default InputStream cat(final String cid) throws IOException {
        return inner().cat(cid);
    }
}

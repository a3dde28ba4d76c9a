package dln.bench.bigmodel;

import dln.core.storage.ContentStore;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A content store in a folder, one file per CID, for the bench's protocol round: the in-process
 * consortium's memory store would hold every 400 MB weight file on the heap, which is what the
 * round measures. CIDs are Kubo's, computed while the file streams; nothing is held in memory.
 */
final class FolderStore implements ContentStore {

    private final Path folder;

    FolderStore(final Path folder) {
        this.folder = folder;
    }

    @Override
    public String add(final Path file, final TransferListener progress) throws IOException {
        final String cid = FileCids.of(file).toString();
        Files.copy(file, folder.resolve(cid), StandardCopyOption.REPLACE_EXISTING);
        final long size = Files.size(file);
        progress.transferred(size, size);
        return cid;
    }

    @Override
    public String add(final byte[] bytes) throws IOException {
        final String cid = FileCids.of(bytes).toString();
        Files.write(folder.resolve(cid), bytes);
        return cid;
    }

    @Override
    public InputStream cat(final String cid) throws IOException {
        final Path f = folder.resolve(cid);
        if (!Files.exists(f)) {
            throw new ContentNotFoundException("no content for " + cid + " in " + folder, Cid.parse(cid), null);
        }
        return Files.newInputStream(f);
    }
}

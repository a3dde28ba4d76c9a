package dln.ipfs.command;

import com.google.gson.JsonObject;
import dln.ipfs.AddResult;
import dln.ipfs.CidMismatchException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.transport.KuboJson;
import dln.ipfs.transport.KuboTransport;
import dln.ipfs.transport.MultipartBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code add}: uploads a file as CIDv1 with raw leaves and checks the node's CID against the one
 * computed from the bytes sent. The import parameters go with every call, so the node's own
 * {@code Import.*} settings cannot change the CID.
 */
public final class AddCommand {
    private final KuboTransport transport;
    private final ImportLayout layout;

    /**
     * @param transport the node
     * @param layout    how files are chunked; every participant must use the same one
     */
    public AddCommand(KuboTransport transport, ImportLayout layout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * Uploads a file, streaming it from disk. Retried as a whole on transient failures, which is
     * safe: adding the same bytes twice is a no-op.
     *
     * @param file     a regular file; it must not change during the upload
     * @param pin      whether the node should pin it
     * @param progress told of the file bytes sent so far (a retry starts again from zero)
     * @return its CID and size
     * @throws NoSuchFileException      if the file does not exist or is not a regular file
     * @throws CidMismatchException     if the node computed another CID than this client
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the file cannot be read or the node refuses the upload
     */
    public AddResult file(Path file, boolean pin, TransferListener progress) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(progress, "progress");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file, cannot add it to IPFS");
        }
        long length = Files.size(file);
        return transport.retrying("add " + file, () -> upload(MultipartBody.ofFile(file, length, layout, progress), pin));
    }

    /**
     * Uploads the rest of a stream, in a single attempt: a stream cannot be rewound.
     *
     * @param content the bytes to store, read to the end and not closed
     * @param name    a name for the node's logs (not part of the CID)
     * @param pin     whether the node should pin it
     * @return its CID and size
     * @throws CidMismatchException     if the node computed another CID than this client
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the stream fails or the node refuses the upload
     */
    public AddResult stream(InputStream content, String name, boolean pin) throws IOException {
        Objects.requireNonNull(content, "content");
        return transport.once("add " + name, () -> upload(MultipartBody.ofStream(content, name, layout), pin));
    }

    private AddResult upload(MultipartBody body, boolean pin) throws IOException {
        String text = transport.upload("add", query(pin), body);
        Cid fromNode = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = KuboJson.object("add", line);
            transport.throwIfError("add", 200, o);
            if (o.has("Hash")) {
                fromNode = KuboJson.cid("add", o.get("Hash").getAsString());
            }
        }
        if (fromNode == null) {
            throw new IpfsCommandException("add: Kubo's answer names no CID: " + KuboJson.abbreviate(text), 200, text);
        }
        Cid local = body.cid();
        if (local == null) {
            throw new IpfsException("add: Kubo answered before the whole file was sent (" + body.fileBytesSent()
                    + " bytes); add it again", null);
        }
        if (!local.equals(fromNode)) {
            throw new CidMismatchException("add: the node stored the " + body.fileBytesSent() + " bytes as " + fromNode
                    + " but they hash to " + local + " with layout " + layout
                    + "; the node ignored the import parameters (Kubo too old?) or altered the data",
                    local, fromNode);
        }
        return new AddResult(local, body.fileBytesSent(), pin);
    }

    // Every import parameter explicit: a CID must not depend on the node's configuration.
    private String query(boolean pin) {
        return "cid-version=1&raw-leaves=true&hash=sha2-256&trickle=false&inline=false"
                + "&chunker=" + layout.chunker() + "&max-file-links=" + layout.maxLinks()
                + "&wrap-with-directory=false&progress=false&quieter=true&pin=" + pin;
    }
}

package dln.ipfs.command;

import dln.ipfs.IpfsException;
import dln.ipfs.cid.Cid;
import dln.ipfs.transport.KuboTransport;
import java.util.Objects;

/** {@code pin/add} and {@code pin/rm}: what the node keeps through garbage collection. */
public final class PinCommand {
    private final KuboTransport transport;

    /** @param transport the node */
    public PinCommand(KuboTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Pins a file recursively, fetching it first if the node does not hold it; hence the
     * transfer timeout.
     *
     * @param cid the file
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws dln.ipfs.IpfsCommandException     if the node refuses
     */
    public void add(Cid cid) throws IpfsException {
        transport.retrying("pin add " + cid, () ->
                transport.call("pin/add", "arg=" + cid + "&recursive=true&progress=false", transport.timeouts().transfer()));
    }

    /**
     * Unpins a file so the node may garbage-collect it.
     *
     * @param cid the file
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws dln.ipfs.IpfsCommandException     if the node refuses, e.g. the file is not pinned
     */
    public void rm(Cid cid) throws IpfsException {
        transport.retrying("pin rm " + cid, () ->
                transport.call("pin/rm", "arg=" + cid + "&recursive=true", transport.timeouts().request()));
    }
}

package dln.ipfs.command;

import com.google.gson.JsonObject;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.ObjectStat;
import dln.ipfs.cid.Cid;
import dln.ipfs.transport.KuboJson;
import dln.ipfs.transport.KuboTransport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code files/stat /ipfs/CID}: what the node knows of a file. */
public final class StatCommand {
    private final KuboTransport transport;

    /** @param transport the node */
    public StatCommand(KuboTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * @param cid the file
     * @return its size and block structure
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node cannot find it, or answers without the expected fields
     */
    public ObjectStat stat(Cid cid) throws IpfsException {
        String path = URLEncoder.encode("/ipfs/" + cid, StandardCharsets.UTF_8);
        JsonObject o = transport.retrying("stat " + cid, () ->
                transport.call("files/stat", "arg=" + path, transport.timeouts().request()));
        try {
            return new ObjectStat(KuboJson.cid("files/stat", o.get("Hash").getAsString()), o.get("Size").getAsLong(),
                    o.get("CumulativeSize").getAsLong(), o.get("Blocks").getAsInt(), o.get("Type").getAsString());
        } catch (RuntimeException e) {
            throw new IpfsCommandException("files/stat: unexpected answer " + o + " (" + e + ")", 200, o.toString());
        }
    }
}

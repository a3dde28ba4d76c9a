package dln.ipfs.command;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dln.ipfs.IpfsException;
import dln.ipfs.NodeIdentity;
import dln.ipfs.NodeVersion;
import dln.ipfs.transport.KuboJson;
import dln.ipfs.transport.KuboTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code version} and {@code id}: what the node says about itself. */
public final class NodeInfoCommand {
    private final KuboTransport transport;

    /** @param transport the node */
    public NodeInfoCommand(KuboTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * A cheap health check.
     *
     * @return Kubo's version information
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     */
    public NodeVersion version() throws IpfsException {
        JsonObject o = transport.retrying("version", () -> transport.call("version", "", transport.timeouts().request()));
        return new NodeVersion(KuboJson.string(o, "Version"), KuboJson.string(o, "Commit"), KuboJson.string(o, "Repo"),
                KuboJson.string(o, "System"), KuboJson.string(o, "Golang"));
    }

    /**
     * @return peer id, agent version, listening addresses
     * @throws dln.ipfs.IpfsUnavailableException if the node cannot be reached
     */
    public NodeIdentity id() throws IpfsException {
        JsonObject o = transport.retrying("id", () -> transport.call("id", "", transport.timeouts().request()));
        List<String> addresses = new ArrayList<>();
        JsonElement a = o.get("Addresses");
        if (a != null && a.isJsonArray()) {
            a.getAsJsonArray().forEach(e -> addresses.add(e.getAsString()));
        }
        return new NodeIdentity(KuboJson.string(o, "ID"), KuboJson.string(o, "AgentVersion"), addresses);
    }
}

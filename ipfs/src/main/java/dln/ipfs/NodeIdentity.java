package dln.ipfs;

import java.util.List;

/**
 * The node's identity ({@code id}).
 *
 * @param peerId       libp2p peer id
 * @param agentVersion e.g. "kubo/0.42.0/"
 * @param addresses    multiaddresses it listens on
 */
public record NodeIdentity(String peerId, String agentVersion, List<String> addresses) {
    /**
     * Copies the list so the record stays immutable.
     *
     * @param peerId       libp2p peer id
     * @param agentVersion e.g. "kubo/0.42.0/"
     * @param addresses    multiaddresses it listens on
     */
    public NodeIdentity {
        addresses = List.copyOf(addresses);
    }
}

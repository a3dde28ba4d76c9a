package dln.ipfs.transport;

import java.io.IOException;

/**
 * A 5xx that is not a Kubo error document, or a 502/503/504: the node or a proxy in front of
 * it is struggling. Deliberately not an {@link dln.ipfs.IpfsException}, so that {@link Retrier}
 * treats it like a connection failure.
 */
final class TransientStatus extends IOException {
    private static final long serialVersionUID = 1L;

    TransientStatus(String message) {
        super(message);
    }
}

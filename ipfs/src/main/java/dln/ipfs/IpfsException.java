package dln.ipfs;

import java.io.IOException;

/**
 * Base of every failure reported by {@link KuboClient}. It is an {@link IOException} because
 * failures can surface while reading a stream the client returned.
 */
public class IpfsException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do about it
     * @param cause   the underlying failure, or null
     */
    public IpfsException(String message, Throwable cause) {
        super(message, cause);
    }
}

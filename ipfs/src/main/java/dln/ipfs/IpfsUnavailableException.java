package dln.ipfs;

/**
 * The Kubo node could not be reached or kept failing (connection refused or reset, timeout,
 * HTTP 502/503/504) after every retry allowed by the {@link RetryPolicy}. Start the node or
 * point the client at the right API address; the operation may be repeated safely.
 */
public final class IpfsUnavailableException extends IpfsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted, how often, and what to check
     * @param cause   the last failure, or null
     */
    public IpfsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dln.ipfs;

/**
 * The Kubo node answered and refused or failed the command (HTTP 4xx, or HTTP 500 carrying a
 * Kubo error document such as "block was not found locally" or "not pinned"). Repeating the
 * same call will fail the same way, so it is never retried.
 */
public final class IpfsCommandException extends IpfsException {
    private static final long serialVersionUID = 1L;

    /** HTTP status of Kubo's answer. */
    private final int httpStatus;
    /** Kubo's own error text. */
    private final String kuboMessage;

    /**
     * @param message     full explanation for humans
     * @param httpStatus  the HTTP status Kubo returned
     * @param kuboMessage Kubo's own error text (its {@code Message} field), or the raw body
     */
    public IpfsCommandException(String message, int httpStatus, String kuboMessage) {
        super(message, null);
        this.httpStatus = httpStatus;
        this.kuboMessage = kuboMessage;
    }

    /** @return the HTTP status Kubo returned */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return Kubo's own error text */
    public String kuboMessage() {
        return kuboMessage;
    }
}

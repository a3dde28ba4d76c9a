package dln.core.ledger;

/**
 * A ledger call that failed. {@link #code()} is the name of the rule the chaincode says was
 * broken (e.g. NOT_COMMITTEE_MEMBER), or a client-side code such as NETWORK_NOT_RUNNING.
 */
public final class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String code;

    /** @param code rule or condition name; @param message what happened and what to do */
    public LedgerException(final String code, final String message) {
        super(message);
        this.code = code;
    }

    /** @param code rule or condition name; @param message what happened; @param cause the cause */
    public LedgerException(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The broken rule's name. */
    public String code() {
        return code;
    }

    /**
     * True when proposing the same transaction again may succeed: it lost a read conflict, peers
     * were at different heights, or gossip had not yet shown the gateway the other organisations.
     */
    public boolean isTransient() {
        return "TX_INVALIDATED".equals(code) || "ENDORSEMENT_MISMATCH".equals(code) || "ENDORSERS_UNAVAILABLE".equals(code);
    }

}

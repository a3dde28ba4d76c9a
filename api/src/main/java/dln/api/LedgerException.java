package dln.api;

import java.util.Optional;

/**
 * A ledger call that failed. {@link #code()} is the name of the rule the chaincode says was
 * broken (a {@link Rule}) or a client-side {@link LedgerFailure}; a code this client does not
 * know (a newer chaincode's) is kept as text.
 */
public final class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String code;

    /** A refusal by the chaincode, or a failure whose code came as text from the ledger. */
    public LedgerException(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The chaincode refused the call: {@code rule} was broken. */
    public LedgerException(final Rule rule, final String message) {
        this(rule.name(), message, null);
    }

    /** The call failed on the way to or from the ledger. */
    public LedgerException(final LedgerFailure failure, final String message) {
        this(failure.name(), message, null);
    }

    /** The call failed on the way to or from the ledger, because of {@code cause}. */
    public LedgerException(final LedgerFailure failure, final String message, final Throwable cause) {
        this(failure.name(), message, cause);
    }

    /** The broken rule's or the failure's name. */
    public String code() {
        return code;
    }

    /** True when the chaincode refused the call for breaking {@code rule}. */
    public boolean is(final Rule rule) {
        return rule.name().equals(code);
    }

    /** True when the call failed with {@code failure}. */
    public boolean is(final LedgerFailure failure) {
        return failure.name().equals(code);
    }

    /** The broken rule, when the chaincode refused the call. */
    public Optional<Rule> rule() {
        for (Rule r : Rule.values()) {
            if (r.name().equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the ledger could not be reached or answer (a peer, orderer or the chaincode server
     * down or restarting, or a transient failure the transport's retries did not outlast): no
     * refusal, so a participant that waits and looks again may go on where it was.
     */
    public boolean isOutage() {
        return isTransient() || is(LedgerFailure.NETWORK_NOT_RUNNING) || is(LedgerFailure.LEDGER_UNAVAILABLE);
    }

    /**
     * True when proposing the same transaction again may succeed: it lost a read conflict, peers
     * were at different heights, or gossip had not yet shown the gateway the other organisations.
     */
    public boolean isTransient() {
        for (LedgerFailure f : LedgerFailure.values()) {
            if (f.name().equals(code)) {
                return f.transientFailure();
            }
        }
        return false;
    }
}

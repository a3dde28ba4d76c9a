package dln.api;

/**
 * Why a ledger call failed on the client's side of the chaincode: the ledger itself could not
 * be reached or did not commit, or the caller's identity or profile is unusable. The chaincode's
 * own refusals are {@link Rule}s.
 */
public enum LedgerFailure {
    /** The peer cannot be reached: the network is down. */
    NETWORK_NOT_RUNNING,
    /** The peer answered too late or went away mid-call. */
    LEDGER_UNAVAILABLE,
    /** Ordered but invalidated at commit: a conflicting transaction won; proposing it again is safe. */
    TX_INVALIDATED,
    /** Peers at different heights endorsed different results. */
    ENDORSEMENT_MISMATCH,
    /** The gateway does not yet see enough organisations' peers for the endorsement policy. */
    ENDORSERS_UNAVAILABLE,
    /** The peers could not reach the chaincode server (restarting, or down): proposing again may succeed once it is back. */
    CHAINCODE_UNAVAILABLE,
    /** The identity is not in the profile, or its key and certificate do not go together. */
    UNKNOWN_IDENTITY,
    /** The connection profile cannot be used. */
    PROFILE_INVALID,
    /** Anything else the ledger answered with. */
    LEDGER_ERROR;

    /** True when proposing the same transaction again may succeed. */
    public boolean transientFailure() {
        return this == TX_INVALIDATED || this == ENDORSEMENT_MISMATCH || this == ENDORSERS_UNAVAILABLE || this == CHAINCODE_UNAVAILABLE;
    }
}

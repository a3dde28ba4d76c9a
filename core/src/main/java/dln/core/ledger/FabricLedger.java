package dln.core.ledger;

import dln.api.DlnLedger;
import dln.ipfs.RetryPolicy;

/** The ledger on a real Fabric network: the typed calls over one identity's gateway connections. */
public final class FabricLedger {

    private FabricLedger() {
    }

    /**
     * Connects as {@code identity} ("org1/User1") using the profile, riding through outages under
     * {@link RetryPolicy#OUTAGE}: its own organisation's peer first, the others' when it is down.
     */
    public static DlnLedger connect(final ConnectionProfile profile, final String identity) {
        return connect(profile, identity, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #connect(ConnectionProfile, String)}, the calls passing through {@code decorate}'s transport (a bench counting them). */
    public static DlnLedger connect(final ConnectionProfile profile, final String identity,
            final java.util.function.UnaryOperator<dln.api.LedgerTransport> decorate) {
        return new DlnLedger(decorate.apply(FailoverTransport.of(profile, identity, RetryPolicy.OUTAGE)));
    }
}

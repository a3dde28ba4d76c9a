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
        return new DlnLedger(FailoverTransport.of(profile, identity, RetryPolicy.OUTAGE));
    }
}

package dln.core.ledger;

import dln.api.DlnLedger;

/** The ledger on a real Fabric network: the typed calls over one identity's gateway connection. */
public final class FabricLedger {

    private FabricLedger() {
    }

    /** Connects as {@code identity} ("org1/User1") using the profile. */
    public static DlnLedger connect(final ConnectionProfile profile, final String identity) {
        return new DlnLedger(LedgerClient.connect(profile, identity));
    }
}

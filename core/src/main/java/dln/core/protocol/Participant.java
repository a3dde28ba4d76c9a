package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.LedgerIdentity;
import dln.core.storage.WeightStore;

/**
 * One identity's handles: its ledger (over any transport, the Fabric gateway or the in-process
 * chain) and the content store its weights and fragments go through.
 */
public record Participant(String label, DlnLedger ledger, WeightStore store) implements AutoCloseable {

    /** This participant's ledger identity, as the chaincode derives it from the certificate. */
    public LedgerIdentity identity() {
        return ledger.identity();
    }

    @Override
    public void close() {
        ledger.close();
    }
}

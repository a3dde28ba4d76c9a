package dln.bench.reads;

import dln.api.DlnLedger;
import dln.api.LedgerTransport;
import dln.chaincode.inprocess.InProcessLedger;
import dln.core.protocol.LocalCertificateAuthority;
import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.MemoryStore;
import dln.core.storage.WeightStore;
import java.time.Instant;

/**
 * A consortium in this process: the real contracts over an in-memory world state, a memory
 * content store with Kubo's CIDs, and identities with real EC certificates issued by one CA per
 * organisation ("org2/User3" is User3 of Org2MSP). No network, no files.
 */
final class InProcessConsortium {

    private final InProcessLedger ledger = new InProcessLedger(Instant::now);
    private final MemoryStore store = new MemoryStore();
    private final LocalCertificateAuthority ca = new LocalCertificateAuthority();

    InProcessLedger ledger() {
        return ledger;
    }

    MemoryStore store() {
        return store;
    }

    /** The identity "orgN/UserM", enrolled on first use. */
    LocalCertificateAuthority.Identity identity(final String name) {
        return ca.identity(name);
    }

    /** {@code name}'s own transport to the in-process ledger. */
    LedgerTransport transport(final String name) {
        final LocalCertificateAuthority.Identity id = identity(name);
        return ledger.transport(id.mspId(), id.certificatePem());
    }

    /** A participant acting as {@code name} through {@code transport} and the shared store. */
    Participant participant(final String name, final LedgerTransport transport) {
        return new Participant(name, new DlnLedger(transport), new WeightStore(store));
    }

    Participant participant(final String name) {
        return participant(name, transport(name));
    }

    /** The committee directory a publisher encrypts fragments with. */
    PublisherWorkflow.Directory directory() {
        return ca;
    }
}

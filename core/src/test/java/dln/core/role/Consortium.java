package dln.core.role;

import dln.api.DlnLedger;
import dln.api.LedgerTransport;
import dln.chaincode.inprocess.InProcessLedger;
import dln.core.protocol.LocalCertificateAuthority;
import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.ContentStore;
import dln.core.storage.MemoryStore;
import dln.core.storage.WeightStore;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A consortium in one process for tests of the roles and the attacks: the real contracts over an
 * in-memory world state, a memory content store with Kubo's CIDs, and identities with real EC
 * certificates issued by one CA per organisation ("org2/User3" is User3 of Org2MSP).
 */
public final class Consortium {

    /** The committee role tests publish with: User2 of each of the three organisations. */
    public static final java.util.List<String> COMMITTEE = java.util.List.of("org1/User2", "org2/User2", "org3/User2");

    private final InProcessLedger ledger;
    private final MemoryStore store = new MemoryStore();
    private final LocalCertificateAuthority ca = new LocalCertificateAuthority();

    public Consortium() {
        this(Instant::now);
    }

    /** A consortium whose ledger takes its transactions' times from {@code clock} (a test's clock). */
    public Consortium(final java.util.function.Supplier<Instant> clock) {
        this.ledger = new InProcessLedger(clock);
    }

    public InProcessLedger ledger() {
        return ledger;
    }

    public MemoryStore store() {
        return store;
    }

    /** The identity "orgN/UserM", enrolled on first use. */
    public LocalCertificateAuthority.Identity identity(final String name) {
        return ca.identity(name);
    }

    /** A participant acting as {@code name} through the in-process ledger and the shared store. */
    public Participant participant(final String name) {
        return participant(name, t -> t, store);
    }

    /** Same, its ledger calls going through {@code wrap} (to fail one) and its content through {@code content}. */
    public Participant participant(final String name, final UnaryOperator<LedgerTransport> wrap, final ContentStore content) {
        final LocalCertificateAuthority.Identity id = identity(name);
        return new Participant(name, new DlnLedger(wrap.apply(ledger.transport(id.mspId(), id.certificatePem()))), new WeightStore(content));
    }

    /** The committee directory a publisher encrypts fragments with. */
    public PublisherWorkflow.Directory directory() {
        return ca;
    }
}

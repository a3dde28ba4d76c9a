package dln.bench.consortium;

import dln.api.DlnLedger;
import dln.api.LedgerTransport;
import dln.chaincode.inprocess.InProcessLedger;
import dln.core.protocol.LocalCertificateAuthority;
import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.MemoryStore;
import dln.core.storage.WeightStore;
import dln.session.consortium.Consortium;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * A consortium in this process: the real contracts over an in-memory world state, a memory
 * content store with Kubo's CIDs, and identities with real EC certificates issued by one CA per
 * organisation ("org2/User3" is User3 of Org2MSP). No network, no files. The roles are the demo
 * network's: publisher org1/User1, committee User2 of each organisation, providers User3 and up,
 * organisation by organisation, as many as asked.
 */
public final class InProcessConsortium implements Consortium {

    /** The demo network's organisations. */
    private static final int ORGANISATIONS = 3;

    private final InProcessLedger ledger;
    private final MemoryStore store = new MemoryStore();
    private final LocalCertificateAuthority ca = new LocalCertificateAuthority();

    public InProcessConsortium() {
        quietShim();
        this.ledger = new InProcessLedger(Instant::now);
    }

    /**
     * The chaincode shim logs its start-up at INFO while it builds its router, resetting handler
     * levels as it goes (one line on the root logger); a filter it leaves alone. A command's output
     * is its own, not the shim's log.
     */
    private static void quietShim() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFilter(r -> !fromShim(r.getLoggerName()) && !fromShim(r.getSourceClassName()));
        }
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

    /** {@code name}'s own transport to the in-process ledger. */
    public LedgerTransport transport(final String name) {
        final LocalCertificateAuthority.Identity id = identity(name);
        return ledger.transport(id.mspId(), id.certificatePem());
    }

    private static boolean fromShim(final String name) {
        return name != null && name.startsWith("org.hyperledger");
    }

    /** A participant acting as {@code name} through {@code transport}, with its own handle on the shared store. */
    public Participant participant(final String name, final LedgerTransport transport) {
        return new Participant(name, new DlnLedger(transport), new WeightStore(store));
    }

    @Override
    public Participant participant(final String name) {
        return participant(name, transport(name));
    }

    @Override
    public String ledgerName() {
        return "in-process";
    }

    @Override
    public String publisher() {
        return "org1/User1";
    }

    @Override
    public List<String> committee() {
        final List<String> members = new ArrayList<>();
        for (int org = 1; org <= ORGANISATIONS; org++) {
            members.add("org" + org + "/User2");
        }
        return members;
    }

    /** Any number: org1/User3, org2/User3, org3/User3, org1/User4, ... */
    @Override
    public List<String> providers(final int n) {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("org" + (1 + i % ORGANISATIONS) + "/User" + (3 + i / ORGANISATIONS));
        }
        return ids;
    }

    @Override
    public PrivateKey privateKey(final String identity) {
        return identity(identity).key();
    }

    @Override
    public PublisherWorkflow.Directory directory() {
        return ca;
    }

    @Override
    public void close() {
        // Nothing outside the heap: the ledger and the store go with this object.
    }
}

package dln.session.consortium;

import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import java.security.PrivateKey;
import java.util.List;

/**
 * Who takes part in a session and how each one reaches the ledger and the content store: the
 * real network ({@link NetworkConsortium}) or a consortium living in one process.
 */
public interface Consortium extends AutoCloseable {

    /** The ledger the participants reach, for tables: "fabric" or "in-process". */
    String ledgerName();

    /** The publisher's identity, e.g. "org1/User1". */
    String publisher();

    /** The committee members' identities. */
    List<String> committee();

    /**
     * The first {@code n} provider identities.
     *
     * @throws IllegalArgumentException when the consortium has fewer, saying how many it has and how to get more
     */
    List<String> providers(int n);

    /**
     * A new participant acting as {@code identity}: its own ledger connection and a store handle
     * (the real network's participants of one organisation share theirs, as on the organisation's host).
     */
    Participant participant(String identity);

    /** {@code identity}'s private key (committee members decrypt their fragments with it). */
    PrivateKey privateKey(String identity);

    /** The committee certificates a publisher encrypts fragments with. */
    PublisherWorkflow.Directory directory();

    @Override
    void close();
}

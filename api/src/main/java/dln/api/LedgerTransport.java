package dln.api;

import dln.api.view.LedgerIdentity;

/**
 * How one identity's calls reach the chaincode: the Fabric gateway on a real network, or the
 * real contracts over an in-memory world state in one process. Either way the chaincode checks
 * every rule; a refusal is a {@link LedgerException} naming it.
 */
public interface LedgerTransport extends AutoCloseable {

    /** Endorses, orders and commits {@code tx}; returns its result bytes. */
    byte[] submit(Tx tx, String... args);

    /** Evaluates the query {@code tx}; nothing is written. */
    byte[] evaluate(Tx tx, String... args);

    /** Who this transport signs as, as the chaincode derives it from the certificate. */
    LedgerIdentity identity();

    /** Wakes waiters on the ledger's changes; shared by everything on this transport. */
    LedgerEvents events();

    @Override
    void close();
}

package dln.api;

import dln.api.view.LedgerIdentity;
import java.util.EnumMap;
import java.util.Map;

/**
 * A transport that counts the calls made through it, by transaction: how benchmarks and tests
 * see what a protocol step costs in ledger round trips. Everything else is delegated.
 */
public final class CountingTransport implements LedgerTransport {

    private final LedgerTransport inner;
    private final Map<Tx, Long> calls = new EnumMap<>(Tx.class);

    /** Counts the calls made to {@code inner}, which it closes with itself. */
    public CountingTransport(final LedgerTransport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        count(tx);
        return inner.submit(tx, args);
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        count(tx);
        return inner.evaluate(tx, args);
    }

    private synchronized void count(final Tx tx) {
        calls.merge(tx, 1L, Long::sum);
    }

    /** Calls made so far, refused ones included. */
    public synchronized long calls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls of {@code tx} made so far. */
    public synchronized long calls(final Tx tx) {
        return calls.getOrDefault(tx, 0L);
    }

    @Override
    public LedgerIdentity identity() {
        return inner.identity();
    }

    @Override
    public LedgerEvents events() {
        return inner.events();
    }

    @Override
    public void close() {
        inner.close();
    }
}

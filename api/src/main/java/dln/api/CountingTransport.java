package dln.api;

import java.util.EnumMap;
import java.util.Map;

/**
 * A transport that counts the calls made through it, by transaction: how benchmarks and tests
 * see what a protocol step costs in ledger round trips. Everything else is delegated.
 */
public final class CountingTransport extends ForwardingTransport {

    private final Map<Tx, Long> calls = new EnumMap<>(Tx.class);

    /** Counts the calls made to {@code inner}, which it closes with itself. */
    public CountingTransport(final LedgerTransport inner) {
        super(inner);
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        count(tx);
        return super.submit(tx, args);
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        count(tx);
        return super.evaluate(tx, args);
    }

    private synchronized void count(final Tx tx) {
        calls.merge(tx, 1L, Long::sum);
    }

    /** Calls made so far, refused ones included. */
    public synchronized long calls() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Calls made so far, by transaction: a copy. */
    public synchronized Map<Tx, Long> byTransaction() {
        return calls.isEmpty() ? Map.of() : new EnumMap<>(calls);
    }

    /** Calls of {@code tx} made so far. */
    public synchronized long calls(final Tx tx) {
        return calls.getOrDefault(tx, 0L);
    }
}

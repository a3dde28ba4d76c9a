package dln.bench.scale;

import dln.api.ForwardingTransport;
import dln.api.LedgerTransport;
import dln.api.Tx;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Attributes the world-state keys read to the transactions of one participant: the chain's key
 * counter before and after each call. Exact only while calls run one at a time, as in this bench.
 */
final class KeysByTransaction extends ForwardingTransport {

    private final LongSupplier keysRead;
    private final Map<Tx, Long> keys = new EnumMap<>(Tx.class);

    KeysByTransaction(final LedgerTransport inner, final LongSupplier keysRead) {
        super(inner);
        this.keysRead = keysRead;
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        final long before = keysRead.getAsLong();
        try {
            return super.submit(tx, args);
        } finally {
            keys.merge(tx, keysRead.getAsLong() - before, Long::sum);
        }
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        final long before = keysRead.getAsLong();
        try {
            return super.evaluate(tx, args);
        } finally {
            keys.merge(tx, keysRead.getAsLong() - before, Long::sum);
        }
    }

    /** Keys read so far, by transaction. */
    Map<Tx, Long> keys() {
        return Map.copyOf(keys);
    }
}

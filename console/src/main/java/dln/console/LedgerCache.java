package dln.console;

import dln.api.LedgerEvents;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The console's only state: ledger reads remembered until the ledger changes. Every entry is
 * dropped when a chaincode event arrives and, in case events were missed while the stream
 * reconnected, after {@code maxAge} anyway; so it is rebuilt from the ledger at any time and a
 * restarted console shows the same pages. Final records (the scores of a decided update) are
 * kept for good: the ledger never changes them.
 */
final class LedgerCache {

    private final LedgerEvents events;
    private final long maxAgeNanos;
    private final LongSupplier clock;
    private final Map<String, Entry> live = new HashMap<>();
    private final Map<String, Object> finals = new HashMap<>();
    private long generation = -1;

    private record Entry(Object value, long at) {}

    LedgerCache(final LedgerEvents events, final Duration maxAge) {
        this(events, maxAge, System::nanoTime);
    }

    LedgerCache(final LedgerEvents events, final Duration maxAge, final LongSupplier clock) {
        this.events = events;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    /** The value read under {@code key} since the last ledger change, else read now by {@code read}. */
    @SuppressWarnings("unchecked")
    <T> T get(final String key, final Supplier<T> read) {
        final long gen = events.generation();
        synchronized (this) {
            if (gen != generation) {
                live.clear();
                generation = gen;
            }
            final Entry e = live.get(key);
            if (e != null && clock.getAsLong() - e.at() < maxAgeNanos) {
                return (T) e.value();
            }
        }
        // Read outside the lock: a slow ledger read must not hold up every other page.
        final T value = read.get();
        synchronized (this) {
            // A change that arrived meanwhile may not be in this value: serve it, do not keep it.
            if (events.generation() == generation && gen == generation) {
                live.put(key, new Entry(value, clock.getAsLong()));
            }
        }
        return value;
    }

    /** A record that never changes once {@code isFinal} says so; read once, kept for good. */
    @SuppressWarnings("unchecked")
    <T> T getFinal(final String key, final Supplier<T> read, final boolean isFinal) {
        if (!isFinal) {
            return get(key, read);
        }
        synchronized (this) {
            final Object v = finals.get(key);
            if (v != null) {
                return (T) v;
            }
        }
        final T value = read.get();
        synchronized (this) {
            finals.put(key, value);
        }
        return value;
    }

    /** The ledger's change counter this cache follows. */
    long generation() {
        return events.generation();
    }
}

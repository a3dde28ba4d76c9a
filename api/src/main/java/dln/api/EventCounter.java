package dln.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The wake-up counters of one event stream: one for every event, and one per filtered view
 * ({@link #only}), each grown only by the transactions its filter accepts. Waiters of every view
 * share one lock, so an event is counted and announced once. The network's event stream and the
 * in-process chain count through it alike, so a filtered waiter wakes for the same transactions on
 * both.
 */
public final class EventCounter implements LedgerEvents {

    private final Object lock;
    private final Predicate<Set<String>> wanted;
    private final List<EventCounter> views;
    private long generation;

    /** A stream with no event yet. */
    public EventCounter() {
        this(new Object(), changes -> true, new ArrayList<>());
    }

    private EventCounter(final Object lock, final Predicate<Set<String>> wanted, final List<EventCounter> views) {
        this.lock = lock;
        this.wanted = wanted;
        this.views = views;
    }

    /**
     * One transaction's event, with the names of the changes it made; null when they could not be
     * read, which counts for every view (a missed wake-up would cost a waiter its recheck).
     */
    public void counted(final Set<String> changes) {
        synchronized (lock) {
            generation++;
            for (final EventCounter v : views) {
                if (changes == null || v.wanted.test(changes)) {
                    v.generation++;
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    @Override
    public void awaitAfter(final long seen, final Duration timeout) throws InterruptedException {
        final long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            for (long left = timeout.toNanos(); generation <= seen && left > 0; left = until - System.nanoTime()) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A view of this stream's events that counts only those {@code filter} accepts. */
    @Override
    public LedgerEvents only(final Predicate<Set<String>> filter) {
        synchronized (lock) {
            final EventCounter v = new EventCounter(lock, wanted.and(filter), views);
            views.add(v);
            return v;
        }
    }

    /**
     * The names of the changes a chaincode event lists ({"changes": [{"event": name, ...}]}, the
     * chaincode's Changes), its own name among them; null when the payload is not that shape.
     */
    public static Set<String> changes(final String name, final byte[] payload) {
        try {
            final Set<String> names = new HashSet<>();
            names.add(name);
            final JsonElement changes = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject().get("changes");
            for (final JsonElement c : changes.getAsJsonArray()) {
                names.add(c.getAsJsonObject().get("event").getAsString());
            }
            return names;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package dln.core.ledger;

import dln.api.EventCounter;
import dln.api.LedgerEvents;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;

/**
 * Wakes waiters as soon as the chaincode emits an event, so a client sees a round close or an
 * update arrive within one block instead of within a polling interval. The event only says
 * "something changed": callers re-read the ledger, and a bounded timeout covers events missed
 * while the stream reconnects.
 */
public final class LedgerWatch implements LedgerEvents, AutoCloseable {

    private static final long RECONNECT_MILLIS = 500;

    private final LedgerClient client;
    private final Thread reader;
    private final EventCounter counter = new EventCounter();
    private volatile boolean open = true;
    private volatile CloseableIterator<ChaincodeEvent> stream;

    private LedgerWatch(final LedgerClient client) {
        this.client = client;
        this.reader = new Thread(this::read, "ledger-watch");
        reader.setDaemon(true);
    }

    /** Starts listening to the chaincode's events through {@code client}. */
    static LedgerWatch start(final LedgerClient client) {
        final LedgerWatch w = new LedgerWatch(client);
        w.reader.start();
        return w;
    }

    /** How many events have arrived so far; pass it to {@link #awaitAfter} to wait for the next. */
    @Override
    public long generation() {
        return counter.generation();
    }

    /** Blocks until an event newer than {@code seen} arrives or {@code timeout} passes. */
    @Override
    public void awaitAfter(final long seen, final Duration timeout) throws InterruptedException {
        counter.awaitAfter(seen, timeout);
    }

    /** The events whose changes {@code wanted} accepts, read from each event's payload; the view lives as long as this watch. */
    @Override
    public LedgerEvents only(final Predicate<Set<String>> wanted) {
        return counter.only(wanted);
    }

    private void read() {
        while (open) {
            try (CloseableIterator<ChaincodeEvent> events = client.eventStream()) {
                stream = events;
                while (open && events.hasNext()) {
                    final ChaincodeEvent e = events.next();
                    counter.counted(EventCounter.changes(e.getEventName(), e.getPayload()));
                }
            } catch (RuntimeException e) {
                // The stream broke (peer restart, network going down): waiters fall back to their
                // timeouts until it is back.
                if (!open) {
                    return;
                }
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        open = false;
        final CloseableIterator<ChaincodeEvent> s = stream;
        if (s != null) {
            s.close();
        }
        reader.interrupt();
    }
}

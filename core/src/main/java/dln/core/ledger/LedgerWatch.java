package dln.core.ledger;

import dln.api.LedgerEvents;
import java.time.Duration;
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
    private final Object lock = new Object();
    private long generation;
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
        synchronized (lock) {
            return generation;
        }
    }

    /** Blocks until an event newer than {@code seen} arrives or {@code timeout} passes. */
    @Override
    public void awaitAfter(final long seen, final Duration timeout) throws InterruptedException {
        final long until = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            for (long left = timeout.toNanos(); generation <= seen && left > 0; left = until - System.nanoTime()) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }


    private void read() {
        while (open) {
            try (CloseableIterator<ChaincodeEvent> events = client.eventStream()) {
                stream = events;
                while (open && events.hasNext()) {
                    events.next();
                    bump();
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

    private void bump() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
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

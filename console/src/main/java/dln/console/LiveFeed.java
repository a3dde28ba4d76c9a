package dln.console;

import dln.api.LedgerEvents;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells every open page that the ledger changed: follows the chaincode events and sends one
 * server-sent event ("ledger", with the change counter) per burst of them, after which a page
 * re-reads itself. Events say only "something changed", as everywhere in dln; the pages always
 * re-read the ledger, so a missed event costs at most one keep-alive interval of staleness.
 */
final class LiveFeed implements AutoCloseable {

    /** A block carries many transactions: wait this long after the first event for the rest of them. */
    private static final Duration COALESCE = Duration.ofMillis(150);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final LedgerEvents events;
    private final String boot;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean open = true;

    /** @param boot this console's start, prefixed to every counter: a restarted console counts from zero again */
    LiveFeed(final LedgerEvents events, final String boot) {
        this.events = events;
        this.boot = boot;
        this.thread = new Thread(this::follow, "console-live-feed");
        thread.setDaemon(true);
    }

    LiveFeed start() {
        thread.start();
        return this;
    }

    /** Adds a page's event stream; it is told the current counter at once, so a reconnecting page re-reads. */
    void join(final SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, events.generation());
    }

    /** What a page and an event say about the ledger state they show: this console's start and the change counter. */
    static String stamp(final String boot, final long generation) {
        return boot + "." + generation;
    }

    int clients() {
        return clients.size();
    }

    private void follow() {
        long seen = events.generation();
        while (open) {
            try {
                events.awaitAfter(seen, KEEP_ALIVE);
                final long now = events.generation();
                if (now == seen) {
                    clients.forEach(c -> comment(c, "keep-alive"));
                    continue;
                }
                Thread.sleep(COALESCE.toMillis());
                seen = events.generation();
                final long gen = seen;
                clients.forEach(c -> send(c, gen));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One broken client must not stop the feed for the others.
                System.err.println("console: live feed: " + e);
            }
        }
    }

    private void send(final SseClient c, final long generation) {
        try {
            if (c.terminated()) {
                clients.remove(c);
                return;
            }
            c.sendEvent("ledger", "{\"generation\":\"" + stamp(boot, generation) + "\"}", stamp(boot, generation));
        } catch (RuntimeException e) {
            clients.remove(c);
        }
    }

    private void comment(final SseClient c, final String text) {
        try {
            c.sendComment(text);
        } catch (RuntimeException e) {
            clients.remove(c);
        }
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
        clients.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // Closing anyway.
            }
        });
        clients.clear();
    }
}

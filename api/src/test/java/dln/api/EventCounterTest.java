package dln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The event stream's counters: every event for the stream, the accepted ones for a filtered view. */
class EventCounterTest {

    private static final Set<String> SCORES = Set.of("UpdateScored", "UpdateAccepted", "RoundClosed", "RoundOpened");
    private static final Set<String> UPDATE = Set.of("UpdateSubmitted");

    @Test
    void aViewCountsOnlyTheTransactionsItsFilterAcceptsAndTheStreamCountsAll() {
        final EventCounter stream = new EventCounter();
        final LedgerEvents updates = stream.only(changes -> changes.contains("UpdateSubmitted"));
        stream.counted(SCORES);
        assertEquals(1, stream.generation());
        assertEquals(0, updates.generation(), "a score batch is not counted by a view of submissions");
        stream.counted(UPDATE);
        assertEquals(2, stream.generation());
        assertEquals(1, updates.generation());
        stream.counted(null);
        assertEquals(2, updates.generation(), "an event whose changes could not be read counts everywhere");
    }

    @Test
    void aWaiterOnAViewSleepsThroughOtherEventsAndWakesOnAnAcceptedOne() throws Exception {
        final EventCounter stream = new EventCounter();
        final LedgerEvents updates = stream.only(changes -> changes.contains("UpdateSubmitted"));
        final long seen = updates.generation();
        final CountDownLatch waiting = new CountDownLatch(1);
        final AtomicLong woke = new AtomicLong(-1);
        final Thread waiter = new Thread(() -> {
            waiting.countDown();
            try {
                updates.awaitAfter(seen, Duration.ofSeconds(30));
                woke.set(updates.generation());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        stream.counted(SCORES);
        waiter.join(200);
        assertTrue(waiter.isAlive(), "a score batch does not wake a waiter on submissions");
        stream.counted(UPDATE);
        waiter.join(5_000);
        assertEquals(1, woke.get(), "a submission wakes it");
    }

    @Test
    void theChangesAreReadFromTheChaincodesEventPayloadAndAnUnreadablePayloadIsNoList() {
        final byte[] payload = ("{\"changes\":[{\"event\":\"UpdateScored\",\"updateId\":\"u-1\"},{\"event\":\"UpdateAccepted\",\"updateId\":\"u-1\"},"
                + "{\"event\":\"RoundClosed\",\"round\":1},{\"event\":\"RoundOpened\",\"round\":2}],\"event\":\"UpdateAccepted\",\"txId\":\"t\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(SCORES, EventCounter.changes("UpdateAccepted", payload));
        assertEquals(null, EventCounter.changes("UpdateAccepted", "not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, EventCounter.changes("UpdateAccepted", null));
    }
}

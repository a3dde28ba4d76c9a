package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadWatchdogTest {
    private final ReadWatchdog watchdog = new ReadWatchdog();

    @Test
    void progressPostponesTheStallAndANewLimitCountsFromNow() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        try (ReadWatchdog.Watch w = watchdog.watch(Duration.ofMillis(200), () -> {
            runs.incrementAndGet();
            stalled.countDown();
        })) {
            for (int i = 0; i < 6; i++) {
                Thread.sleep(100);
                w.progress();
            }
            assertFalse(w.fired(), "reads made progress every 100 ms");
            w.limit(Duration.ofMillis(300));
            assertTrue(stalled.await(5, TimeUnit.SECONDS));
            assertTrue(w.fired());
            assertEquals(Duration.ofMillis(300), w.limit());
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 900, "stalled after " + waited + " ms, before 600 ms of progress and a 300 ms limit");
        Thread.sleep(300);
        assertEquals(1, runs.get(), "the stall action runs once");
    }

    @Test
    void aClosedWatchNeverFires() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        ReadWatchdog.Watch w = watchdog.watch(Duration.ofMillis(50), runs::incrementAndGet);
        w.close();
        Thread.sleep(200);
        assertEquals(0, runs.get());
        assertFalse(w.fired());
    }
}

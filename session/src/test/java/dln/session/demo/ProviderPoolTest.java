package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.api.EventCounter;
import dln.api.LedgerEvents;
import dln.core.role.ProviderService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The pool's report of a step: results in provider order, and the failure that came first in time as the cause. */
class ProviderPoolTest {
    /** The pool never lets a provider wait: its services need only a stream with no event. */
    private static final LedgerEvents QUIET = new EventCounter();
    private final ProviderService first = new ProviderService(null, QUIET, Duration.ZERO);
    private final ProviderService second = new ProviderService(null, QUIET, Duration.ZERO);

    @Test
    void theFailureThatCameFirstIsRethrownWithTheLaterOnesSuppressed() {
        final CountDownLatch failed = new CountDownLatch(1);
        try (ProviderPool pool = new ProviderPool(2)) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.each(List.of(first, second), p -> {
                if (p == second) {
                    failed.countDown();
                    throw new IllegalStateException("the cause");
                }
                // The first provider in order fails because the second did (a secure round stalls without it).
                failed.await();
                Thread.sleep(200);
                throw new IllegalStateException("stalled without it");
            }));
            assertEquals("the cause", e.getMessage());
            assertEquals(List.of("stalled without it"), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
        }
    }

    @Test
    void resultsComeInProviderOrderWhateverOrderTheyFinishIn() {
        try (ProviderPool pool = new ProviderPool(2)) {
            assertEquals(List.of("first", "second"), pool.each(List.of(first, second), p -> {
                if (p == first) {
                    Thread.sleep(200);
                    return "first";
                }
                return "second";
            }));
        }
    }
}

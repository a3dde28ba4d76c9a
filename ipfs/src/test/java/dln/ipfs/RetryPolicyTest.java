package dln.ipfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void retryBackoffDoublesWithinBounds() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        for (int attempt = 1; attempt <= 4; attempt++) {
            long ms = p.backoff(attempt).toMillis();
            long base = Math.min(100L << (attempt - 1), 300);
            assertEquals(true, ms >= base && ms <= 300, "attempt " + attempt + ": " + ms);
        }
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }
}

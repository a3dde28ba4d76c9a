package dln.ipfs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently {@link KuboClient} repeats a call that failed for a transient
 * reason (connection error, timeout, HTTP 502/503/504 or a 5xx without a Kubo error document).
 * Refusals (4xx, Kubo command errors) are never repeated.
 *
 * @param maxAttempts    total attempts including the first, at least 1
 * @param initialBackoff pause before the second attempt
 * @param maxBackoff     cap on any pause; pauses double from {@code initialBackoff} up to it
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Four attempts, pauses of about 0.25 s, 0.5 s, 1 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5));
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /**
     * Validates the values.
     *
     * @param maxAttempts    total attempts including the first, at least 1
     * @param initialBackoff pause before the second attempt
     * @param maxBackoff     cap on any pause
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * The pause after failed attempt {@code attempt} (1-based), with up to 20% random jitter so
     * that many clients failing together do not retry in lockstep.
     *
     * @param attempt the attempt that just failed
     * @return how long to wait before the next one
     */
    public Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        long jitter = capped <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Duration.ofMillis(Math.min(capped + jitter, maxBackoff.toMillis()));
    }
}

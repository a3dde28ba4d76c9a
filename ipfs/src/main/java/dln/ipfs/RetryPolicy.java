package dln.ipfs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a network call that failed for a transient reason is repeated:
 * bounded exponential backoff with jitter, within a number of attempts and a total deadline,
 * whichever ends first. The one retry policy of dln's network calls: {@link KuboClient} uses it
 * for the IPFS node (connection errors, timeouts, HTTP 502/503/504 or a 5xx without a Kubo error
 * document), the ledger clients for an unreachable peer. Refusals are never repeated.
 *
 * @param maxAttempts    total attempts including the first, at least 1
 * @param initialBackoff pause before the second attempt
 * @param maxBackoff     cap on any pause; pauses double from {@code initialBackoff} up to it
 * @param deadline       no attempt starts later than this after the first
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {
    /** Four attempts, pauses of about 0.25 s, 0.5 s, 1 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5));
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    /**
     * Rides through a process that is down and being restarted (by the network's supervisor or
     * an operator), and through read conflicts that clear within a block: pauses from 50 ms
     * doubling to 5 s, for up to 60 s in all.
     */
    public static final RetryPolicy OUTAGE = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(50), Duration.ofSeconds(5),
            Duration.ofSeconds(60));

    /** A policy bounded by attempts alone. */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, initialBackoff, maxBackoff, Duration.ofDays(1));
    }

    /**
     * Validates the values.
     *
     * @param maxAttempts    total attempts including the first, at least 1
     * @param initialBackoff pause before the second attempt
     * @param maxBackoff     cap on any pause
     * @param deadline       no attempt starts later than this after the first
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must not be negative");
        }
    }

    /**
     * Whether another attempt may start after {@code failed} attempts, the first of which started
     * at {@code startNanos} ({@link System#nanoTime()}), once the next pause is over.
     */
    public boolean allowsAnother(int failed, long startNanos, Duration nextPause) {
        return failed < maxAttempts && System.nanoTime() + nextPause.toNanos() - startNanos <= deadline.toNanos();
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

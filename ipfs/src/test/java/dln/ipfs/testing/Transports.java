package dln.ipfs.testing;

import dln.ipfs.RetryPolicy;
import dln.ipfs.transport.KuboTransport;
import dln.ipfs.transport.Timeouts;
import java.net.URI;
import java.time.Duration;

/** Transports to a {@link FakeKubo} with settings that keep unit tests quick. */
public final class Transports {
    /** Three attempts, pauses of a few milliseconds. */
    public static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private Transports() {
    }

    /** @return the client's default timeouts, the request timeout shortened to 10 s */
    public static Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMinutes(30));
    }

    /** @return a transport to {@code kubo} with {@link #FAST} retries and {@link #timeouts()} */
    public static KuboTransport to(FakeKubo kubo) {
        return to(kubo, timeouts(), FAST);
    }

    /** @return a transport to {@code kubo} */
    public static KuboTransport to(FakeKubo kubo, Timeouts timeouts, RetryPolicy policy) {
        return new KuboTransport(URI.create(kubo.address()), timeouts, policy);
    }
}

package dln.ipfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiAddressTest {
    @Test
    void acceptsUrlsAndMultiaddrs() {
        assertEquals(URI.create("http://127.0.0.1:5001"), ApiAddress.parse("http://127.0.0.1:5001"));
        assertEquals(URI.create("http://127.0.0.1:5001"), ApiAddress.parse("http://127.0.0.1:5001/"));
        assertEquals(URI.create("http://127.0.0.1:15001"), ApiAddress.parse("/ip4/127.0.0.1/tcp/15001"));
        assertEquals(URI.create("http://[::1]:5001"), ApiAddress.parse("/ip6/::1/tcp/5001"));
        assertEquals(URI.create("http://ipfs.local:5001"), ApiAddress.parse("/dns4/ipfs.local/tcp/5001"));
    }

    @Test
    void rejectsWhatIsNotAnApiAddress() {
        for (String bad : new String[] {"", "127.0.0.1:5001", "ftp://x:1", "/ip4/127.0.0.1/udp/5001",
            "http://127.0.0.1:5001/api/v0"}) {
            assertThrows(IllegalArgumentException.class, () -> ApiAddress.parse(bad), bad);
        }
    }

    @Test
    void retryBackoffDoublesWithinBounds() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
        for (int attempt = 1; attempt <= 4; attempt++) {
            long ms = p.backoff(attempt).toMillis();
            long base = Math.min(100L << (attempt - 1), 300);
            assertEquals(true, ms >= base && ms <= 300, "attempt " + attempt + ": " + ms);
        }
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> KuboClient.builder("http://h:1").requestTimeout(Duration.ZERO));
    }
}

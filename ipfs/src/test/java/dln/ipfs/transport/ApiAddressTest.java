package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
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
}

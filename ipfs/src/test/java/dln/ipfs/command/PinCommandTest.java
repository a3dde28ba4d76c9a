package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.kuboError;
import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.Transports;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinCommandTest {
    private final Cid cid = FileCids.of(new byte[] {42});
    private FakeKubo kubo;
    private PinCommand pin;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        pin = new PinCommand(Transports.to(kubo));
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    @Test
    void addAndRmPinRecursively() throws IOException {
        kubo.on("pin/add", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 200, "{\"Pins\":[\"" + cid + "\"]}"));
        pin.add(cid);
        pin.rm(cid);
        assertEquals("arg=" + cid + "&recursive=true&progress=false", kubo.requests("pin/add").get(0).query());
        assertEquals("arg=" + cid + "&recursive=true", kubo.requests("pin/rm").get(0).query());
    }

    @Test
    void notPinnedIsARefusalNotRetried() {
        kubo.on("pin/rm", (r, n, ex) -> reply(ex, 500, kuboError("not pinned or pinned indirectly")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> pin.rm(cid));
        assertEquals(500, e.httpStatus());
        assertTrue(e.getMessage().startsWith("pin/rm: ") && e.getMessage().contains("not pinned"), e.getMessage());
        assertEquals(1, kubo.requests("pin/rm").size());
    }

    @Test
    void serverErrorWithoutKuboDocumentIsRetried() {
        kubo.on("pin/add", (r, n, ex) -> reply(ex, 500, "<html>proxy error</html>"));
        IpfsUnavailableException e = assertThrows(IpfsUnavailableException.class, () -> pin.add(cid));
        assertTrue(e.getMessage().startsWith("pin add " + cid + ": "), e.getMessage());
        assertEquals(3, kubo.requests("pin/add").size());
    }
}

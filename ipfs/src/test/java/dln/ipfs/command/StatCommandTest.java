package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.kuboError;
import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.IpfsCommandException;
import dln.ipfs.ObjectStat;
import dln.ipfs.cid.Cid;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.Transports;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatCommandTest {
    private final Cid cid = Cid.parse("bafybeigafhro6fquvmzfrpayc5uyosu4ztjevtawjlmgdcoxqtj6z4anri");
    private FakeKubo kubo;
    private StatCommand stat;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        stat = new StatCommand(Transports.to(kubo));
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    @Test
    void parsesKubosAnswer() throws IOException {
        kubo.on("files/stat", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"" + cid
                + "\",\"Size\":262145,\"CumulativeSize\":262249,\"Blocks\":2,\"Type\":\"file\"}"));
        assertEquals(new ObjectStat(cid, 262_145, 262_249, 2, "file"), stat.stat(cid));
        assertEquals("arg=%2Fipfs%2F" + cid, kubo.requests("files/stat").get(0).query());
    }

    @Test
    void anAnswerWithoutTheFieldsIsARefusal() {
        kubo.on("files/stat", (r, n, ex) -> reply(ex, 200, "{\"Hash\":\"" + cid + "\",\"Size\":\"many\"}"));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> stat.stat(cid));
        assertTrue(e.getMessage().startsWith("files/stat: unexpected answer"), e.getMessage());
        assertEquals(1, kubo.requests("files/stat").size());
    }

    @Test
    void unknownContentIsARefusal() {
        kubo.on("files/stat", (r, n, ex) -> reply(ex, 500, kuboError("block was not found locally (offline)")));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> stat.stat(cid));
        assertTrue(e.kuboMessage().contains("not found"), e.getMessage());
    }
}

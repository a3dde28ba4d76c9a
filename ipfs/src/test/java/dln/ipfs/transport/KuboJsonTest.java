package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import org.junit.jupiter.api.Test;

class KuboJsonTest {
    @Test
    void onlyAnObjectIsAnAnswer() throws IpfsCommandException {
        assertEquals(1, KuboJson.object("id", "{\"a\":1}").get("a").getAsInt());
        for (String bad : new String[] {"[1]", "<html>", "\"text\"", ""}) {
            IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> KuboJson.object("id", bad), bad);
            assertEquals(200, e.httpStatus());
            assertEquals(bad, e.kuboMessage());
            assertTrue(e.getMessage().startsWith("id: the answer is not a JSON object"), e.getMessage());
        }
    }

    @Test
    void cidsFromTheNodeAreParsedStrictly() throws IpfsCommandException {
        String text = FileCids.of(new byte[] {1}).toString();
        assertEquals(Cid.parse(text), KuboJson.cid("add", text));
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> KuboJson.cid("add", "nonsense"));
        assertTrue(e.getMessage().startsWith("add: Kubo answered with an unusable CID"), e.getMessage());
        assertEquals("nonsense", e.kuboMessage());
    }

    @Test
    void missingAndNullFieldsReadAsEmpty() throws IpfsCommandException {
        JsonObject o = KuboJson.object("v", "{\"a\":\"x\",\"b\":null}");
        assertEquals("x", KuboJson.string(o, "a"));
        assertEquals("", KuboJson.string(o, "b"));
        assertEquals("", KuboJson.string(o, "c"));
    }

    @Test
    void longTextIsAbbreviated() {
        assertEquals("short", KuboJson.abbreviate("  short \n"));
        String cut = KuboJson.abbreviate("y".repeat(500));
        assertEquals(300, cut.length());
        assertTrue(cut.endsWith("..."));
    }
}

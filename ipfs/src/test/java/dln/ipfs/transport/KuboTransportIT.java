package dln.ipfs.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.RealKubo;
import dln.ipfs.testing.SeededBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The transport against the real node: how Kubo's answers and silences map to exceptions. */
class KuboTransportIT {
    private final KuboTransport transport = RealKubo.transport(Duration.ofSeconds(2));

    @Test
    void aCallAnswersWithOneObject() throws IOException {
        JsonObject version = transport.retrying("version",
                () -> transport.call("version", "", transport.timeouts().request()));
        assertFalse(KuboJson.string(version, "Version").isEmpty());
    }

    @Test
    void anUnknownCommandIsRefusedWithAHint() {
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.retrying("nope",
                () -> transport.call("no-such-command", "", transport.timeouts().request())));
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains("port 5001"), e.getMessage());
    }

    @Test
    void kubosErrorDocumentIsARefusal() {
        IpfsCommandException e = assertThrows(IpfsCommandException.class, () -> transport.retrying("pin rm",
                () -> transport.call("pin/rm", "arg=not-a-cid", transport.timeouts().request())));
        assertTrue(e.httpStatus() >= 400, e.getMessage());
        assertFalse(e.kuboMessage().isEmpty(), e.getMessage());
    }

    @Test
    void contentNobodyHasIsNotFoundWithinTheFindTimeout() {
        // Fresh random bytes: no node has them.
        Cid nobodys = FileCids.of(SeededBytes.bytes(System.nanoTime(), 1000));
        long start = System.nanoTime();
        ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> transport.retrying("cat",
                () -> transport.find("cat", "arg=" + nobodys + "&progress=false", nobodys)));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(nobodys, e.cid());
        assertTrue(seconds < 10, "gave up after the find timeout, not retried: " + seconds + " s");
    }

    @Test
    void anUploadGetsKubosWholeAnswer() throws IOException {
        byte[] content = SeededBytes.bytes(System.nanoTime(), 300_000);
        MultipartBody body = MultipartBody.ofStream(new ByteArrayInputStream(content), "it", ImportLayout.KUBO_DEFAULT);
        String answer = transport.upload("add", "cid-version=1&raw-leaves=true&pin=false&quieter=true", body);
        JsonObject o = KuboJson.object("add", answer.strip());
        assertEquals(FileCids.of(content), KuboJson.cid("add", o.get("Hash").getAsString()));
        assertEquals(FileCids.of(content), body.cid());
        assertEquals(content.length, body.fileBytesSent());
    }
}

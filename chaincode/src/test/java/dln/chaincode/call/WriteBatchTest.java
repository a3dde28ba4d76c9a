package dln.chaincode.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.chaincode.inprocess.InMemoryStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes wait for send: reads in between see the committed state (as on a peer), a later write
     * to a key replaces an earlier one, a delete after a put deletes, and a sent batch is empty.
     */
    @Test
    void writesWaitForSendAndTheLastWriteToAKeyWins() {
        final InMemoryStub target = new InMemoryStub();
        target.begin("t1", Instant.EPOCH, new byte[0], List.of("probe:Put"));
        target.putState("kept", b("old"));
        target.putState("gone", b("old"));
        target.commit();
        target.begin("t2", Instant.EPOCH, new byte[0], List.of("probe:Put"));
        final WriteBatch batch = WriteBatch.on(target);
        final ChaincodeStub stub = batch.stub();
        stub.putState("kept", b("first"));
        stub.putStringState("kept", "second");
        stub.putState("new", b("n"));
        stub.delState("gone");
        stub.putState("brief", b("x"));
        stub.delState("brief");
        assertEquals(0, target.pendingWrites(), "nothing reaches the target before send");
        assertArrayEquals(b("old"), stub.getState("kept"), "reads see the committed state");
        assertEquals("t2", stub.getTxId(), "everything but writes goes through");
        assertEquals(4, batch.size(), "one record per key");
        batch.send();
        assertEquals(0, batch.size());
        target.commit();
        assertArrayEquals(b("second"), target.getState("kept"));
        assertArrayEquals(b("n"), target.getState("new"));
        assertNull(target.getState("gone"));
        assertNull(target.getState("brief"));
    }

    /** A value changed by its caller after the write is not what is written. */
    @Test
    void aWrittenValueIsCopiedAtTheWrite() {
        final InMemoryStub target = new InMemoryStub();
        target.begin("t1", Instant.EPOCH, new byte[0], List.of("probe:Put"));
        final WriteBatch batch = WriteBatch.on(target);
        final byte[] value = b("v");
        batch.stub().putState("k", value);
        value[0] = 'w';
        batch.send();
        target.commit();
        assertArrayEquals(b("v"), target.getState("k"));
    }

    @Test
    void anEmptyKeyIsRefusedAtTheWrite() {
        final WriteBatch batch = WriteBatch.on(new InMemoryStub());
        assertThrows(IllegalArgumentException.class, () -> batch.stub().putState("", b("v")));
        assertEquals(0, batch.size());
    }
}

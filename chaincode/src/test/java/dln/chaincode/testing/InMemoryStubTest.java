package dln.chaincode.testing;

import dln.chaincode.inprocess.InMemoryStub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.chaincode.keys.Key;
import dln.chaincode.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

/** The stub behaves like a peer where the ledger's correctness depends on it. */
class InMemoryStubTest {

    private final InMemoryStub stub = new InMemoryStub();

    private void tx(final String id) {
        stub.begin(id, Instant.parse("2027-01-01T00:00:00Z"), Actors.creator("outsider"), List.of("fn"));
    }

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTransactionDoesNotSeeItsOwnWritesAndAFailedOneLeavesNothing() {
        tx("t1");
        stub.putState("k", b("v1"));
        assertNull(stub.getState("k"));
        stub.commit();
        tx("t2");
        assertArrayEquals(b("v1"), stub.getState("k"));
        stub.putState("k", b("v2"));
        // t2 is never committed, as when endorsement fails
        tx("t3");
        assertArrayEquals(b("v1"), stub.getState("k"));
    }

    @Test
    void oneEventPerTransactionTheLastWins() {
        tx("t1");
        stub.setEvent("A", b("1"));
        stub.setEvent("B", b("2"));
        assertEquals("B", stub.eventName());
        assertEquals("2", stub.eventPayload());
    }

    @Test
    void keysAreOrderedAsUtf8BytesAndPartialKeysDoNotLeakIntoLongerTypes() {
        tx("t1");
        final CompositeKey low = stub.createCompositeKey("t", "\uFFFD");
        final CompositeKey high = stub.createCompositeKey("t", new String(Character.toChars(0x1F600)));
        stub.putState(high.toString(), b("emoji"));
        stub.putState(low.toString(), b("bmp"));
        stub.putState(stub.createCompositeKey("t.other", "x").toString(), b("other type"));
        stub.commit();
        tx("t2");
        final List<String> seen = new ArrayList<>();
        try (var it = stub.getStateByPartialCompositeKey(stub.createCompositeKey("t"))) {
            it.forEach(kv -> seen.add(kv.getStringValue()));
        }
        // UTF-16 order would put the emoji (a surrogate pair, 0xD83D...) before U+FFFD; UTF-8 does not.
        assertEquals(List.of("bmp", "emoji"), seen);
    }

    @Test
    void paginationReturnsTheNextKeyAsBookmarkAndEmptyAtTheEnd() throws Exception {
        tx("t1");
        for (int i = 0; i < 5; i++) {
            stub.putState(stub.createCompositeKey("p", "k" + i).toString(), b("v" + i));
        }
        stub.commit();
        tx("t2");
        final CompositeKey prefix = stub.createCompositeKey("p");
        final List<String> all = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByPartialCompositeKeyWithPagination(prefix, 2, bookmark)) {
                it.forEach(kv -> all.add(kv.getStringValue()));
                bookmark = it.getMetadata().getBookmark();
                if (!bookmark.isEmpty()) {
                    assertEquals(stub.createCompositeKey("p", "k" + all.size()).toString(), bookmark);
                }
            }
            pages++;
        } while (!bookmark.isEmpty());
        assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), all);
        assertEquals(3, pages);
    }

    @Test
    void theLedgerRefusesToReadAfterWriting() {
        tx("t1");
        final Context ctx = new Context(stub);
        final Ledger ledger = Ledger.of(ctx);
        ledger.index(Key.of("x", "1"), "one");
        assertThrows(IllegalStateException.class, () -> ledger.readText(Key.of("x", "1")));
        assertThrows(IllegalStateException.class, () -> ledger.values(Key.of("x"), 10));
    }
}

package dln.chaincode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.api.Rule;
import java.util.Map;

/** A fresh ledger per test and the assertion every rule test makes. */
public abstract class LedgerTest {

    protected final Chain chain = new Chain();
    protected final Flow flow = new Flow(chain);

    /**
     * The call fails with exactly this rule, its message says what to fix, it attempted no write
     * and no event, and the world state is byte-for-byte unchanged.
     */
    protected Result rejects(final Rule rule, final String who, final String function, final String... args) {
        final Map<String, String> before = chain.snapshot();
        final Result r = chain.call(who, function, args);
        assertEquals(rule.name(), r.error(), () -> "expected " + rule + " but got: " + r.message());
        assertTrue(r.message().startsWith(rule.name() + ": ") && r.message().length() > rule.name().length() + 10, r.message());
        assertEquals(0, r.pendingWrites(), "a rejected call must not write");
        assertNull(r.eventName(), "a rejected call must not emit an event");
        assertEquals(before, chain.snapshot());
        return r;
    }

    protected static JsonObject obj(final Result r) {
        return r.object();
    }
}

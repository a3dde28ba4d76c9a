package dln.chaincode.testing;

import dln.chaincode.inprocess.InProcessChain;
import dln.chaincode.inprocess.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;

/**
 * A one-peer ledger for unit tests: the in-process chain (the real ContractRouter over the
 * in-memory stub) with a test clock that moves 1 ms per call unless advanced.
 */
public final class Chain {

    private Instant now = Instant.parse("2027-01-04T09:00:00Z");
    private final InProcessChain chain = new InProcessChain(() -> now);

    public Result call(final String who, final String function, final String... args) {
        now = now.plusMillis(1);
        final Invocation r = chain.invoke(Actors.creator(who), function, List.of(args), true);
        return new Result(r.status(), r.message(), text(r.payload()), r.eventName(), text(r.eventPayload()), r.writes(), r.keysRead());
    }

    /** A call whose arguments are raw bytes, as a client may send them. */
    public Result callRaw(final String who, final String function, final byte[]... args) {
        now = now.plusMillis(1);
        final Invocation r = chain.invokeRaw(Actors.creator(who), function, List.of(args), true);
        return new Result(r.status(), r.message(), text(r.payload()), r.eventName(), text(r.eventPayload()), r.writes(), r.keysRead());
    }

    private static String text(final byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Like call, but the test fails unless the call succeeded. */
    public Result ok(final String who, final String function, final String... args) {
        final Result r = call(who, function, args);
        if (!r.ok()) {
            throw new AssertionError(function + " by " + who + " failed: " + r.message());
        }
        return r;
    }

    /** The one scanned router of this JVM, for tests that serve it over gRPC. */
    public static ContractRouter sharedRouter() {
        return InProcessChain.router();
    }

    public void advance(final Duration d) {
        now = now.plus(d);
    }

    public Instant now() {
        return now;
    }

    public Map<String, String> snapshot() {
        return chain.snapshot();
    }

    public int size() {
        return chain.size();
    }
}

package dln.chaincode.testing;

import dln.chaincode.cid.Sha256Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.RouterAccess;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A one-peer ledger for unit tests: every call goes through the shim's real ContractRouter
 * (routing "contract:Tx", argument binding, Context and ClientIdentity from the creator
 * certificate) onto the in-memory stub, and is committed only if it succeeded.
 */
public final class Chain {

    private final ContractRouter router = RouterHolder.ROUTER;
    private final java.util.logging.Logger quiet = RouterHolder.SHIM_LOG;
    private final InMemoryStub stub = new InMemoryStub();
    private Instant now = Instant.parse("2027-01-04T09:00:00Z");
    private long tx;

    public Result call(final String who, final String function, final String... args) {
        tx++;
        now = now.plusMillis(1);
        final List<String> all = new ArrayList<>();
        all.add(function);
        all.addAll(List.of(args));
        stub.begin(Sha256Hex.of("tx-" + tx), now, Actors.creator(who), all);
        final Chaincode.Response r = router.invoke(stub);
        final String payload = r.getPayload() == null ? null : new String(r.getPayload(), StandardCharsets.UTF_8);
        final Result result = new Result(r.getStatusCode(), r.getMessage(), payload, stub.eventName(), stub.eventPayload(),
                stub.pendingWrites(), stub.keysRead());
        if (result.ok()) {
            stub.commit();
        }
        return result;
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
        return RouterHolder.ROUTER;
    }

    public void advance(final Duration d) {
        now = now.plus(d);
    }

    public Instant now() {
        return now;
    }

    public Map<String, String> snapshot() {
        return stub.snapshot();
    }

    public int size() {
        return stub.size();
    }

    private static final class RouterHolder {
        // The shim's type registry is a JVM-wide singleton, so the contracts are scanned once.
        static final ContractRouter ROUTER = RouterAccess.scanned();
        // The shim logs every request at INFO and every rule violation at SEVERE: silence it for tests.
        static final java.util.logging.Logger SHIM_LOG = quiet();

        private static java.util.logging.Logger quiet() {
            final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            for (final java.util.logging.Handler h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.OFF);
            }
            return root;
        }
    }
}

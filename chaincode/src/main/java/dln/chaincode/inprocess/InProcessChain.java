package dln.chaincode.inprocess;

import dln.api.EventCounter;
import dln.api.LedgerEvents;
import dln.chaincode.cid.Sha256Hex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.RouterAccess;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The real dln contracts over an in-memory world state, in this process: every call goes through
 * the shim's ContractRouter (routing, argument binding, the caller's identity from its creator
 * certificate) onto an {@link InMemoryStub}, and its writes are committed only if it succeeded.
 * Calls are applied one at a time, in order, as an ordering service would. Unit tests and offline
 * simulations use it so that they apply exactly the rules the network applies.
 */
public final class InProcessChain {

    private final ContractRouter router = RouterHolder.ROUTER;
    private final InMemoryStub stub = new InMemoryStub();
    private final Supplier<Instant> clock;
    /** The committed transactions' events, counted as the network's stream counts them (filtered views included). */
    private final EventCounter events = new EventCounter();
    private Instant last = Instant.EPOCH;
    private long transactions;
    private long keysRead;

    /** A chain whose transactions take their timestamps from {@code clock} (made strictly increasing). */
    public InProcessChain(final Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code function} ("contract:Name") as {@code creator} (a serialized MSP identity) and
     * commits its writes when it succeeds and {@code commit} is true; a query passes false.
     */
    public synchronized Invocation invoke(final byte[] creator, final String function, final List<String> args, final boolean commit) {
        final List<byte[]> raw = new ArrayList<>(args.size());
        for (final String a : args) {
            raw.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return invokeRaw(creator, function, raw, commit);
    }

    /** Like invoke, with the arguments as raw bytes, as a client may send them (not necessarily UTF-8). */
    public synchronized Invocation invokeRaw(final byte[] creator, final String function, final List<byte[]> args, final boolean commit) {
        transactions++;
        final Instant now = clock.get();
        last = now.isAfter(last) ? now : last.plusMillis(1);
        final List<byte[]> all = new ArrayList<>(args.size() + 1);
        all.add(function.getBytes(StandardCharsets.UTF_8));
        all.addAll(args);
        stub.beginRaw(Sha256Hex.of("tx-" + transactions), last, creator, all);
        final Chaincode.Response r = router.invoke(stub);
        final Invocation result = new Invocation(r.getStatusCode(), r.getMessage(), r.getPayload(), stub.eventName(),
                stub.eventPayload() == null ? null : stub.eventPayload().getBytes(StandardCharsets.UTF_8), stub.pendingWrites(), stub.keysRead());
        keysRead += result.keysRead();
        if (result.ok() && commit) {
            stub.commit();
            if (result.eventName() != null) {
                events.counted(EventCounter.changes(result.eventName(), result.eventPayload()));
            }
        }
        return result;
    }

    /** The one scanned router of this JVM (the shim's type registry is JVM-wide). */
    public static ContractRouter router() {
        return RouterHolder.ROUTER;
    }

    /** The committed transactions' events: every one, and the views ({@link EventCounter#only}) of some. */
    public LedgerEvents events() {
        return events;
    }

    /** Keys read by every call so far, point or range, refused calls and queries included: a reader's cost is the difference. */
    public synchronized long keysRead() {
        return keysRead;
    }

    /** The world state as text, keys in ledger order. */
    public synchronized java.util.Map<String, String> snapshot() {
        return stub.snapshot();
    }

    /** How many keys the world state holds. */
    public synchronized int size() {
        return stub.size();
    }

    /** The timestamp of the last transaction. */
    public synchronized Instant lastTimestamp() {
        return last;
    }

    private static final class RouterHolder {
        // The shim's type registry is a JVM-wide singleton, so the contracts are scanned once.
        static final ContractRouter ROUTER = scanQuietly();

        private static ContractRouter scanQuietly() {
            final ContractRouter router = RouterAccess.scanned();
            // The shim logs every request at INFO and every refusal at SEVERE, through handlers it
            // installs while scanning; a refusal here is an answer to the caller, not a log line.
            final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            for (final java.util.logging.Handler h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.OFF);
            }
            return router;
        }
    }
}

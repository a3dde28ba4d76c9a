package dln.chaincode.call;

import com.google.protobuf.ByteString;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.impl.ChaincodeInvocationTask;

/**
 * A transaction's writes, held until its method has returned and then handed to the peer in one
 * message. Why: each putState or delState of the Java shim is a round trip to the peer, and the
 * deciding SubmitScores makes 55 of them, in turn, on each endorsing peer (docs/performance.md,
 * twenty-seventh session). Fabric 3 peers take a transaction's writes as one WRITE_BATCH_STATE
 * message, and the Go shim sends them so since v2.1; the Java shim, at its newest release 2.5.10,
 * has the message type (fabric-protos 0.3.7) but no code that sends it: this class is that code,
 * written by hand because no library on the registries does it.
 *
 * <p>Holding writes back changes nothing a transaction can see: Fabric never shows a transaction
 * its own writes (reads see the committed state), and a later write to a key replaces an earlier
 * one here as it would in the peer's write set. A transaction that fails sends none: the shim
 * discards its writes anyway.
 */
final class WriteBatch {

    /** As the Go shim's default and the peer's maxSizeWriteBatch: records per message. */
    static final int MAX_RECORDS = 1000;
    private static final String SHIM_STUB = "org.hyperledger.fabric.shim.impl.InvocationStubImpl";

    private final ChaincodeStub target;
    /** Key to value, or to null for a delete; the first write's position kept, the last value. */
    private final Map<String, byte[]> writes = new LinkedHashMap<>();

    private WriteBatch(final ChaincodeStub target) {
        this.target = target;
    }

    /** A batch for one transaction on {@code target}. */
    static WriteBatch on(final ChaincodeStub target) {
        return new WriteBatch(target);
    }

    /** The stub the transaction's method sees: writes held here, everything else straight to the target. */
    ChaincodeStub stub() {
        return (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "putState" -> {
                            writes.put(requireKey(args[0]), ((byte[]) args[1]).clone());
                            return null;
                        }
                        case "putStringState" -> {
                            writes.put(requireKey(args[0]), ((String) args[1]).getBytes(StandardCharsets.UTF_8));
                            return null;
                        }
                        case "delState" -> {
                            writes.put((String) args[0], null);
                            return null;
                        }
                        default -> {
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    /** Writes held and not yet sent. */
    int size() {
        return writes.size();
    }

    /**
     * Sends the held writes: in messages of at most {@link #MAX_RECORDS} records to a peer, one by
     * one to any other stub (the in-process ledger's, which has no round trip to save).
     */
    void send() {
        if (writes.isEmpty()) {
            return;
        }
        if (SHIM_STUB.equals(target.getClass().getName())) {
            PeerChannel.of(target).send(records());
        } else {
            writes.forEach((key, value) -> {
                if (value == null) {
                    target.delState(key);
                } else {
                    target.putState(key, value);
                }
            });
        }
        writes.clear();
    }

    private List<WriteRecord> records() {
        final List<WriteRecord> out = new ArrayList<>(writes.size());
        writes.forEach((key, value) -> out.add(value == null
                ? WriteRecord.newBuilder().setKey(key).setType(WriteRecord.Type.DEL_STATE).build()
                : WriteRecord.newBuilder().setKey(key).setValue(ByteString.copyFrom(value)).setType(WriteRecord.Type.PUT_STATE).build()));
        return out;
    }

    /** The shim's own check on a written key, made at the write as the shim makes it. */
    private static String requireKey(final Object key) {
        if (key == null || ((String) key).isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty");
        }
        return (String) key;
    }

    /**
     * The shim's channel to the peer for one transaction. The shim keeps it in a private field of
     * its stub and sends through a protected method; both are reached by reflection, pinned to the
     * shim's version in the pom: a shim that renames them fails every writing transaction at once,
     * with this message, rather than falling back unseen.
     */
    private record PeerChannel(ChaincodeInvocationTask task, String channelId, String txId) {

        private static final Field HANDLER;
        private static final Method INVOKE;

        static {
            try {
                HANDLER = Class.forName(SHIM_STUB).getDeclaredField("handler");
                HANDLER.setAccessible(true);
                INVOKE = ChaincodeInvocationTask.class.getDeclaredMethod("invoke", ChaincodeMessage.class);
                INVOKE.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the chaincode shim is not the version dln's write batch was written for (2.5.10)", e);
            }
        }

        static PeerChannel of(final ChaincodeStub stub) {
            try {
                return new PeerChannel((ChaincodeInvocationTask) HANDLER.get(stub), stub.getChannelId(), stub.getTxId());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the shim's channel to the peer cannot be read", e);
            }
        }

        void send(final List<WriteRecord> records) {
            for (int from = 0; from < records.size(); from += MAX_RECORDS) {
                final WriteBatchState batch = WriteBatchState.newBuilder()
                        .addAllRec(records.subList(from, Math.min(records.size(), from + MAX_RECORDS))).build();
                final ChaincodeMessage message = ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.WRITE_BATCH_STATE)
                        .setChannelId(channelId).setTxid(txId).setPayload(batch.toByteString()).build();
                try {
                    INVOKE.invoke(task, message);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("the shim's send cannot be called", e);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
    }
}

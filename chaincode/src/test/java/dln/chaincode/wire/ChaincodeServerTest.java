package dln.chaincode.wire;

import dln.api.EventName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Probe;
import dln.chaincode.testing.Specs;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chaincode as the peer sees it: the shim's chaincode-as-a-service gRPC server, on this
 * module's gRPC/protobuf versions, driven over a real socket by a minimal peer that answers
 * GET_STATE, PUT_STATE and WRITE_BATCH_STATE from a map. Catches what in-process tests cannot: the
 * wire protocol, proposal parsing, mismatched gRPC jars and the shim internals the write batch
 * reaches.
 */
class ChaincodeServerTest {

    private static final long WAIT_SECONDS = 60;
    private static NettyChaincodeServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        final ContractRouter router = Chain.sharedRouter();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final ChaincodeServerProperties props = new ChaincodeServerProperties();
        props.setServerAddress(new InetSocketAddress("127.0.0.1", port));
        server = new NettyChaincodeServer(router, props);
        final Thread t = new Thread(() -> {
            try {
                server.start();
            } catch (Exception e) {
                // the test's connection attempt reports the failure
            }
        }, "chaincode-server");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A peer with a one-map world state; one connection, transactions one at a time. */
    private static final class MiniPeer implements AutoCloseable {
        private final ManagedChannel channel;
        private final BlockingQueue<ChaincodeMessage> inbox = new LinkedBlockingQueue<>();
        private final StreamObserver<ChaincodeMessage> outbox;
        private final Map<String, ByteString> world = new HashMap<>();
        /** Messages of each type the chaincode sent, over every transaction. */
        private final Map<ChaincodeMessage.Type, Integer> sent = new java.util.EnumMap<>(ChaincodeMessage.Type.class);

        MiniPeer() throws InterruptedException {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            outbox = ChaincodeGrpc.newStub(channel).connect(new StreamObserver<>() {
                @Override
                public void onNext(final ChaincodeMessage m) {
                    inbox.add(m);
                }

                @Override
                public void onError(final Throwable t) {
                    inbox.add(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.ERROR)
                            .setPayload(ByteString.copyFromUtf8(String.valueOf(t))).build());
                }

                @Override
                public void onCompleted() {
                }
            });
            final ChaincodeMessage register = next();
            assertEquals(ChaincodeMessage.Type.REGISTER, register.getType(), register.toString());
            outbox.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
            outbox.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
        }

        private ChaincodeMessage next() throws InterruptedException {
            final ChaincodeMessage m = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(m, "the chaincode did not answer");
            return m;
        }

        ChaincodeMessage invoke(final String who, final String txId, final List<String> args) throws Exception {
            final ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
            args.forEach(a -> input.addArgs(ByteString.copyFromUtf8(a)));
            outbox.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.TRANSACTION).setTxid(txId)
                    .setChannelId("learning").setPayload(input.build().toByteString()).setProposal(proposal(who, txId)).build());
            while (true) {
                final ChaincodeMessage m = next();
                sent.merge(m.getType(), 1, Integer::sum);
                switch (m.getType()) {
                    case GET_STATE -> reply(m, world.getOrDefault(GetState.parseFrom(m.getPayload()).getKey(), ByteString.EMPTY));
                    case PUT_STATE -> {
                        final PutState put = PutState.parseFrom(m.getPayload());
                        world.put(put.getKey(), put.getValue());
                        reply(m, ByteString.EMPTY);
                    }
                    case WRITE_BATCH_STATE -> {
                        for (final WriteRecord w : WriteBatchState.parseFrom(m.getPayload()).getRecList()) {
                            switch (w.getType()) {
                                case PUT_STATE -> world.put(w.getKey(), w.getValue());
                                case DEL_STATE -> world.remove(w.getKey());
                                default -> throw new AssertionError("unexpected write " + w.getType());
                            }
                        }
                        reply(m, ByteString.EMPTY);
                    }
                    case COMPLETED, ERROR -> {
                        return m;
                    }
                    default -> throw new AssertionError("unexpected message " + m.getType());
                }
            }
        }

        private void reply(final ChaincodeMessage request, final ByteString payload) {
            outbox.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.RESPONSE).setTxid(request.getTxid())
                    .setChannelId(request.getChannelId()).setPayload(payload).build());
        }

        private static SignedProposal proposal(final String who, final String txId) {
            final ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setTxId(txId)
                    .setChannelId("learning").setTimestamp(Timestamp.newBuilder().setSeconds(1_800_000_000L)).build();
            final SignatureHeader sh = SignatureHeader.newBuilder().setCreator(ByteString.copyFrom(Actors.creator(who)))
                    .setNonce(ByteString.copyFromUtf8(txId)).build();
            final Header h = Header.newBuilder().setChannelHeader(ch.toByteString()).setSignatureHeader(sh.toByteString()).build();
            final Proposal p = Proposal.newBuilder().setHeader(h.toByteString())
                    .setPayload(ChaincodeProposalPayload.newBuilder().build().toByteString()).build();
            return SignedProposal.newBuilder().setProposalBytes(p.toByteString()).build();
        }

        @Override
        public void close() throws InterruptedException {
            outbox.onCompleted();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerRunsProbeAndLedgerTransactionsOverTheWire() throws Exception {
        try (MiniPeer peer = new MiniPeer()) {
            final ChaincodeMessage off = peer.invoke("provider1", "tx0", List.of("probe:Put", "k", "v"));
            assertTrue(Response.parseFrom(off.getPayload()).getMessage().startsWith("PROBE_DISABLED: "));
            try (Probe probe = Probe.on()) {
                final ChaincodeMessage put = peer.invoke("provider1", "tx1", List.of("probe:Put", "k", "v"));
                assertEquals(ChaincodeMessage.Type.COMPLETED, put.getType());
                assertEquals(200, Response.parseFrom(put.getPayload()).getStatus());
                assertEquals("v", peer.world.get("probe~k").toStringUtf8());
            }
            // The call check runs on the server's path too: before the shim binds arguments.
            final ChaincodeMessage bare = peer.invoke("publisher", "tx1b", List.of("model:PublishModel"));
            assertTrue(Response.parseFrom(bare.getPayload()).getMessage().startsWith("WRONG_ARGUMENT_COUNT: "),
                    Response.parseFrom(bare.getPayload()).getMessage());

            final ChaincodeMessage published = peer.invoke("publisher", "tx2", List.of("model:PublishModel", Specs.gossip(2).toString()));
            final Response r = Response.parseFrom(published.getPayload());
            assertEquals(200, r.getStatus(), r.getMessage());
            assertEquals("ModelPublished", published.getChaincodeEvent().getEventName());
            final String modelId = JsonParser.parseString(r.getPayload().toStringUtf8()).getAsJsonObject().get("id").getAsString();
            // Every write of a transaction arrives in one message once its method has returned: the
            // probe's key, then the model and its indexes; the refused calls sent none.
            assertEquals(2, peer.sent.get(ChaincodeMessage.Type.WRITE_BATCH_STATE), peer.sent.toString());
            assertEquals(null, peer.sent.get(ChaincodeMessage.Type.PUT_STATE), peer.sent.toString());
            assertTrue(peer.world.keySet().stream().filter(k -> !k.startsWith("probe")).count() >= 3, peer.world.keySet().toString());

            final ChaincodeMessage refused = peer.invoke("outsider", "tx3", List.of("model:ApproveModel", modelId));
            final Response refusal = Response.parseFrom(refused.getPayload());
            assertEquals(500, refusal.getStatus());
            assertTrue(refusal.getMessage().startsWith("NOT_COMMITTEE_MEMBER: "), refusal.getMessage());

            final ChaincodeMessage approved = peer.invoke("member1", "tx4", List.of("model:ApproveModel", modelId));
            assertEquals(200, Response.parseFrom(approved.getPayload()).getStatus());
            assertEquals("ModelVoteRecorded", approved.getChaincodeEvent().getEventName());
            assertTrue(new String(approved.getChaincodeEvent().getPayload().toByteArray(), StandardCharsets.UTF_8).contains(modelId));
        }
    }
}

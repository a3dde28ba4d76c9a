package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.model.BuiltinModels;
import dln.core.protocol.DataSource;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import dln.ipfs.cid.FileCids;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The ledger's rules on the real network, through the peers of three organisations. */
class LedgerIT {

    private final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());

    private String openGossipModel() throws Exception {
        final WeightStore store = new WeightStore(new dln.core.storage.KuboStore(KuboClient.builder(profile.ipfs().api()).build()));
        try (Participant publisher = new Participant("p", dln.core.ledger.FabricLedger.connect(profile, "org1/User1"), store)) {
            final ModelView m = new PublisherWorkflow(publisher, profile).publish(new PublicationRequest("ledger it", BuiltinModels.mlp(),
                    "accuracy", "gossip", "fedavg", 2, 0.5, "median", List.of("org1/User2", "org2/User2", "org3/User2"),
                    DataSource.load("mnist:validation", 7), 1, 3600, 2));
            for (String member : List.of("org2/User2", "org3/User2")) {
                try (DlnLedger l = dln.core.ledger.FabricLedger.connect(profile, member)) {
                    l.approveModel(m.id());
                }
            }
            return m.id();
        }
    }

    /**
     * The CID of some bytes that are really on IPFS (not weights: a committee member that scores
     * them rejects them at once, instead of waiting for content that exists nowhere).
     */
    private String cid(final String seed) throws java.io.IOException {
        final byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        final String cid = new WeightStore(new dln.core.storage.KuboStore(KuboClient.builder(profile.ipfs().api()).build())).putBytes(bytes);
        assertEquals(FileCids.of(bytes).toString(), cid);
        return cid;
    }

    @Test
    void scoresFromThreeOrganisationsDecideAndTheEventArrives() throws Exception {
        final String model = openGossipModel();
        try (DlnLedger provider = dln.core.ledger.FabricLedger.connect(profile, "org3/User3");
             DlnLedger m1 = dln.core.ledger.FabricLedger.connect(profile, "org1/User2");
             DlnLedger m2 = dln.core.ledger.FabricLedger.connect(profile, "org2/User2")) {
            final UpdateView u = provider.submitUpdate(model, cid(UUID.randomUUID().toString()), List.of(UpdateView.INITIAL), 0, 500, 4000, provider.getModel(model).recipeHash());
            // Events are read from the channel's first block: cheap on a test network, and none is missed.
            final long from = 0;
            final CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (dln.core.ledger.LedgerClient raw = dln.core.ledger.LedgerClient.connect(profile, "org3/User3");
                     CloseableIterator<ChaincodeEvent> events = raw.events(from)) {
                    while (events.hasNext()) {
                        final ChaincodeEvent e = events.next();
                        final JsonObject payload = JsonParser.parseString(new String(e.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
                        if (dln.api.EventName.UpdateAccepted.name().equals(e.getEventName()) && payload.toString().contains(u.id())) {
                            return e.getEventName();
                        }
                    }
                    return "stream ended";
                }
            });
            m1.submitScore(u.id(), 0.9, 300);
            // Nobody scores twice, while the update is pending or after.
            assertEquals("DUPLICATE_SCORE", assertThrows(LedgerException.class, () -> m1.submitScore(u.id(), 0.1, 300)).code());
            assertEquals(dln.api.UpdateStatus.ACCEPTED, m2.submitScore(u.id(), 0.8, 300).status());
            assertEquals("UpdateAccepted", accepted.get(60, TimeUnit.SECONDS));
            assertEquals(0.85, provider.getUpdate(u.id()).score(), 1e-9, "median of two scores");

            // A score after the decision, a forged parent, a copied CID: refused by the peers, nothing written.
            try (DlnLedger m3 = dln.core.ledger.FabricLedger.connect(profile, "org3/User2")) {
                assertEquals("UPDATE_NOT_PENDING", assertThrows(LedgerException.class, () -> m3.submitScore(u.id(), 0.1, 300)).code());
            }
            final String forged = "u-" + "0".repeat(32);
            assertEquals("PARENT_NOT_FOUND", assertThrows(LedgerException.class,
                    () -> provider.submitUpdate(model, cid("x" + UUID.randomUUID()), List.of(forged), 0, 500, 4000, provider.getModel(model).recipeHash())).code());
            assertEquals("WEIGHTS_ALREADY_RECORDED", assertThrows(LedgerException.class,
                    () -> provider.submitUpdate(model, u.weightsCid(), List.of(u.id()), 0, 500, 4000, provider.getModel(model).recipeHash())).code());

            final UpdateView child = provider.submitUpdate(model, cid("child" + UUID.randomUUID()), List.of(u.id()), 0, 500, 4000, provider.getModel(model).recipeHash());
            final List<JsonObject> dag = provider.getDag(model);
            assertEquals(2, dag.size(), "the DAG holds both updates: " + dag);
            assertEquals(List.of(child.id()), provider.getChildren(model, u.id()).stream().map(UpdateView::id).toList());
            assertTrue(dag.toString().contains(u.id()));
        }
    }

    /**
     * A provider with nothing left to learn takes its turn without an update (round:Abstain): on the
     * peers, its abstention completes the round of two turns and fixes the set of the one update in it.
     */
    @Test
    void anAbstentionTakesItsTurnAndFixesTheRoundsSet() throws Exception {
        final String model;
        final WeightStore store = new WeightStore(new dln.core.storage.KuboStore(KuboClient.builder(profile.ipfs().api()).build()));
        try (Participant publisher = new Participant("p", dln.core.ledger.FabricLedger.connect(profile, "org1/User1"), store)) {
            model = new PublisherWorkflow(publisher, profile).publish(new PublicationRequest("abstention it", BuiltinModels.mlp(),
                    "accuracy", "federated", "fedavg", 2, 0.0, "median", List.of("org1/User2", "org2/User2", "org3/User2"),
                    DataSource.load("mnist:validation", 7), 2, 3600, 2).with(dln.core.protocol.LearningPolicy.parse("contribution:3", "median_capped"))).id();
        }
        for (String member : List.of("org2/User2", "org3/User2")) {
            try (DlnLedger l = dln.core.ledger.FabricLedger.connect(profile, member)) {
                l.approveModel(model);
            }
        }
        try (DlnLedger submitter = dln.core.ledger.FabricLedger.connect(profile, "org3/User3");
             DlnLedger still = dln.core.ledger.FabricLedger.connect(profile, "org2/User3")) {
            final UpdateView u = submitter.submitUpdate(model, cid(UUID.randomUUID().toString()), List.of(UpdateView.INITIAL), 1, 500, 4000,
                    submitter.getModel(model).recipeHash());
            assertTrue(still.getRound(model, 1).open(), "one of two turns taken");
            final String reason = "training moved the model 0.00e+00 of its norm: it already fits this provider's data";
            assertEquals(List.of(u.id()), still.abstain(model, 1, reason).scoring());
            final DlnLedger.RoundRecord record = still.getRoundRecord(model, 1);
            assertEquals(1, record.abstentions().size());
            assertEquals(reason, record.abstentions().get(0).reason());
            assertTrue(still.providerWork(model, record.abstentions().get(0).by()).joined(), "its turn in the round is taken");
            // The set is fixed: the round takes no more turns, of either kind.
            assertEquals("SUBMISSIONS_CLOSED", assertThrows(LedgerException.class, () -> still.abstain(model, 1, reason)).code());
            assertEquals("SUBMISSIONS_CLOSED", assertThrows(LedgerException.class, () -> still.submitUpdate(model, cid(UUID.randomUUID().toString()),
                    List.of(UpdateView.INITIAL), 1, 500, 4000, still.getModel(model).recipeHash())).code());
        }
    }

    @Test
    void aWatchWakesOnTheNextTransactionAndNotBefore() throws Exception {
        final String model = openGossipModel();
        try (DlnLedger provider = dln.core.ledger.FabricLedger.connect(profile, "org2/User3")) {
            final dln.api.LedgerEvents watch = provider.events();
            // The stream connects in the background; a first event proves it is listening.
            provider.submitUpdate(model, cid(UUID.randomUUID().toString()), List.of(UpdateView.INITIAL), 0, 500, 4000, provider.getModel(model).recipeHash());
            assertTrue(watch.until(() -> watch.generation() > 0, Duration.ofMillis(100), Duration.ofSeconds(30)), "no event arrived");

            final long seen = watch.generation();
            final long t0 = System.nanoTime();
            watch.awaitAfter(seen, Duration.ofMillis(300));
            assertTrue(System.nanoTime() - t0 >= 290_000_000L, "woke up with no new event");
            assertEquals(seen, watch.generation());

            final CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
                try {
                    watch.awaitAfter(seen, Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return watch.generation();
            });
            provider.submitUpdate(model, cid(UUID.randomUUID().toString()), List.of(UpdateView.INITIAL), 0, 500, 4000, provider.getModel(model).recipeHash());
            assertTrue(woke.get(30, TimeUnit.SECONDS) > seen, "the update's event did not wake the waiter");
        }
    }
}

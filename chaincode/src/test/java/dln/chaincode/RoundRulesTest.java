package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRulesTest extends LedgerTest {

    private static final List<String> INITIAL = List.of("initial");

    /** A federated model whose round 1 closed with the given updates accepted, by quorum. */
    private String modelAfterRoundOne() {
        final String id = flow.open(Specs.federated(2));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", id, Specs.cid("b"), INITIAL, 1);
        flow.decide(a, 0.9);
        flow.decide(b, 0.9);
        return id;
    }

    @Test
    void onlyThePublisherClosesARoundBeforeItsDeadline() {
        final String id = flow.open(Specs.federated(5));
        rejects(Rule.ROUND_DEADLINE_NOT_REACHED, "member1", "round:CloseRound", id, "1");
        rejects(Rule.NOT_ROUND_PARTICIPANT, "provider1", "round:CloseRound", id, "1");
        final Result closed = chain.ok("publisher", "round:CloseRound", id, "1");
        assertEquals("RoundClosed", closed.eventName());
        assertEquals("publisher", closed.object().get("closedBy").getAsString());
    }

    @Test
    void anyParticipantClosesARoundAfterItsDeadlineAndPendingUpdatesExpire() {
        final String id = flow.open(Specs.federated(5));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", id, Specs.cid("b"), INITIAL, 1);
        flow.decide(a, 0.9);
        chain.advance(Duration.ofSeconds(3600));
        rejects(Rule.NOT_ROUND_PARTICIPANT, "provider3", "round:CloseRound", id, "1");
        final Result closed = chain.ok("provider2", "round:CloseRound", id, "1");
        assertEquals("deadline", closed.object().get("closedBy").getAsString());
        assertEquals("[\"" + a + "\"]", closed.object().getAsJsonArray("accepted").toString());
        assertEquals("expired", chain.ok("outsider", "query:GetUpdate", b).object().get("status").getAsString());
        rejects(Rule.UPDATE_NOT_PENDING, "member1", "score:SubmitScore", dln.chaincode.testing.Flow.scoreJson(b, 0.9));
        final JsonObject round2 = chain.ok("outsider", "query:GetRound", id, "2").object().getAsJsonObject("round");
        assertEquals("[\"" + a + "\"]", round2.getAsJsonArray("parents").toString());
        assertEquals(2, chain.ok("outsider", "query:GetModel", id).object().get("currentRound").getAsInt());
        rejects(Rule.ROUND_CLOSED, "publisher", "round:CloseRound", id, "1");
    }

    @Test
    void aRoundWithoutAcceptedUpdatesHandsItsParentsOn() {
        final String id = flow.open(Specs.federated(1));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), INITIAL, 1);
        final Result r = flow.decide(a, 0.2);
        assertEquals("UpdateRejected", r.eventName());
        final JsonObject round2 = chain.ok("outsider", "query:GetRound", id, "2").object().getAsJsonObject("round");
        assertEquals("[\"initial\"]", round2.getAsJsonArray("parents").toString());
        rejects(Rule.NO_ACCEPTED_UPDATES, "provider1", "round:RecordAggregate", id, "1", Specs.cid("agg"), "");
    }

    @Test
    void roundsBelongToFederatedModels() {
        final String id = flow.open(Specs.gossip(2));
        rejects(Rule.NOT_FEDERATED, "publisher", "round:CloseRound", id, "1");
        final String fed = flow.open(Specs.federated(2));
        rejects(Rule.ROUND_NOT_FOUND, "publisher", "round:CloseRound", fed, "7");
        rejects(Rule.INVALID_FIELD, "publisher", "round:CloseRound", fed, "one");
    }

    @Test
    void theAggregateIsRecordedOnceAfterTheRoundCloses() {
        final String id = flow.open(Specs.federated(2));
        rejects(Rule.NOT_ROUND_PARTICIPANT, "provider1", "round:RecordAggregate", id, "1", Specs.cid("agg"), "");
        rejects(Rule.ROUND_NOT_CLOSED, "member1", "round:RecordAggregate", id, "1", Specs.cid("agg"), "");
        final String closedModel = modelAfterRoundOne();
        final Result r = chain.ok("provider1", "round:RecordAggregate", closedModel, "1", Specs.cid("agg"), "");
        assertEquals("AggregateRecorded", r.eventName());
        assertEquals(Specs.cid("agg"), r.object().getAsJsonObject("aggregate").get("cid").getAsString());
        rejects(Rule.AGGREGATE_ALREADY_RECORDED, "provider2", "round:RecordAggregate", closedModel, "1", Specs.cid("agg2"), "");
        rejects(Rule.INVALID_CID, "provider2", "round:DisputeAggregate", closedModel, "1", "nonsense", "");
    }

    @Test
    void disputesNeedARecordedAggregateAndADifferentCid() {
        final String id = modelAfterRoundOne();
        rejects(Rule.AGGREGATE_NOT_RECORDED, "provider2", "round:DisputeAggregate", id, "1", Specs.cid("mine"), "");
        chain.ok("provider1", "round:RecordAggregate", id, "1", Specs.cid("agg"), "");
        rejects(Rule.SELF_DISPUTE, "provider1", "round:DisputeAggregate", id, "1", Specs.cid("mine"), "");
        rejects(Rule.DISPUTE_MATCHES_AGGREGATE, "provider2", "round:DisputeAggregate", id, "1", Specs.cid("agg"), "");
        final Result d = chain.ok("provider2", "round:DisputeAggregate", id, "1", Specs.cid("mine"), "");
        assertEquals("AggregateDisputed", d.eventName());
        assertEquals(Specs.cid("mine"), d.object().getAsJsonArray("disputes").get(0).getAsJsonObject().get("cid").getAsString());
        assertEquals(Specs.cid("agg"), d.object().getAsJsonObject("round").getAsJsonObject("aggregate").get("cid").getAsString());
        rejects(Rule.DUPLICATE_DISPUTE, "provider2", "round:DisputeAggregate", id, "1", Specs.cid("other"), "");
        final JsonObject view = chain.ok("outsider", "query:GetRound", id, "1").object();
        assertEquals(1, view.getAsJsonArray("disputes").size());
        assertEquals(Specs.cid("mine"), view.getAsJsonArray("disputes").get(0).getAsJsonObject().get("cid").getAsString());
    }
}

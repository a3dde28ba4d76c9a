package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores recorded as unavailable (a member could not fetch the weights within its patience), what
 * acceptance.unavailable makes of them, and how rounds end when providers vanish: never submitted
 * (the round closes on its quorum without them), submitted but unfetchable (the committee records
 * it unavailable and the round closes), still pending at the deadline (expired by the closing).
 */
class UnavailableScoresTest extends LedgerTest {

    private static final String SCORE = "score:SubmitScore";
    private static final List<String> INITIAL = List.of("initial");

    private static String unavailable(final String updateId) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("unavailable", true);
        o.addProperty("reason", "content not found for 600 s");
        return o.toString();
    }

    private Result unavailableOk(final String who, final String updateId) {
        return chain.ok(who, SCORE, unavailable(updateId));
    }

    private JsonObject update(final String id) {
        return chain.ok("outsider", "query:GetUpdate", id).object();
    }

    private JsonObject round(final String model, final int n) {
        return chain.ok("outsider", "query:GetRound", model, String.valueOf(n)).object().getAsJsonObject("round");
    }

    private static JsonObject withPolicy(final JsonObject spec, final String policy) {
        spec.getAsJsonObject("acceptance").addProperty("unavailable", policy);
        return spec;
    }

    @Test
    void anUnavailableScoreIsRecordedWithoutAValueAndAbstainsByDefault() {
        final String model = flow.open(Specs.gossip(3));
        assertEquals("abstain", chain.ok("outsider", "query:GetModel", model).object().getAsJsonObject("acceptance")
                .get("unavailable").getAsString());
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        final Result r = unavailableOk("member1", u);
        assertEquals("pending", r.object().getAsJsonObject("update").get("status").getAsString());
        final JsonObject score = chain.ok("outsider", "query:GetScores", u).json().getAsJsonArray().get(0).getAsJsonObject();
        assertTrue(score.get("unavailable").getAsBoolean());
        assertEquals(0.0, score.get("value").getAsDouble());
        assertEquals("content not found for 600 s", score.get("reason").getAsString());
        rejects(Rule.DUPLICATE_SCORE, "member1", SCORE, unavailable(u));
        // quorum 2 of available scores: member1's abstention neither helps nor sinks the update
        flow.scoreOk("member2", u, 0.9);
        final JsonObject decided = flow.scoreOk("member3", u, 0.85).object().getAsJsonObject("update");
        assertEquals("accepted", decided.get("status").getAsString());
        assertEquals(0.875, decided.get("score").getAsDouble(), 1e-12);
    }

    @Test
    void anUnavailableScoreCarriesNoValue() {
        final String u = flow.submitOk("provider1", flow.open(Specs.gossip(3)), Specs.cid("w"), INITIAL, 0);
        final JsonObject withValue = com.google.gson.JsonParser.parseString(unavailable(u)).getAsJsonObject();
        withValue.addProperty("value", 0.0);
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, withValue.toString());
        final JsonObject withSamples = com.google.gson.JsonParser.parseString(unavailable(u)).getAsJsonObject();
        withSamples.addProperty("samples", 500);
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, withSamples.toString());
        rejects(Rule.INVALID_FIELD, "member1", SCORE, "{\"updateId\":\"" + u + "\",\"unavailable\":false,\"value\":0.9,\"samples\":5}");
        rejects(Rule.INVALID_FIELD, "member1", SCORE, "{\"updateId\":\"" + u + "\",\"unavailable\":\"yes\"}");
        rejects(Rule.MISSING_FIELD, "member1", SCORE, "{\"updateId\":\"" + u + "\",\"samples\":5}");
        rejects(Rule.SELF_SCORING, "member1", SCORE,
                unavailable(flow.submitOk("member1", flow.open(Specs.gossip(3)), Specs.cid("own"), INITIAL, 0)));
        assertEquals(0, chain.ok("outsider", "query:GetScores", u).json().getAsJsonArray().size());
    }

    @Test
    void theModelSaysRejectOrAbstainAndNothingElse() {
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", withPolicy(Specs.gossip(3), "zero").toString());
        final JsonObject numeric = Specs.gossip(3);
        numeric.getAsJsonObject("acceptance").addProperty("unavailable", 0);
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", numeric.toString());
        final String model = flow.open(withPolicy(Specs.gossip(3), "reject"));
        assertEquals("reject", chain.ok("outsider", "query:GetModel", model).object().getAsJsonObject("acceptance")
                .get("unavailable").getAsString());
    }

    @Test
    void underRejectAQuorumOfUnavailableScoresRejectsTheUpdate() {
        final String model = flow.open(withPolicy(Specs.gossip(3), "reject"));
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        unavailableOk("member1", u);
        final Result last = unavailableOk("member2", u);
        assertEquals("UpdateRejected", last.eventName());
        final JsonObject decided = last.object().getAsJsonObject("update");
        assertEquals("rejected", decided.get("status").getAsString());
        assertFalse(decided.has("score") && !decided.get("score").isJsonNull(), "no member evaluated it, so it has no score");
        final JsonArray changes = last.event().getAsJsonArray("changes");
        assertTrue(changes.get(1).getAsJsonObject().get("unavailable").getAsBoolean());
        rejects(Rule.UPDATE_NOT_PENDING, "member3", SCORE, dln.chaincode.testing.Flow.scoreJson(u, 0.9));
    }

    @Test
    void underRejectAMixedQuorumIsDecidedOnItsAvailableScores() {
        final String model = flow.open(withPolicy(Specs.gossip(3), "reject"));
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        unavailableOk("member1", u);
        final JsonObject decided = flow.scoreOk("member2", u, 0.9).object().getAsJsonObject("update");
        assertEquals("accepted", decided.get("status").getAsString());
        assertEquals(0.9, decided.get("score").getAsDouble(), 1e-12);
        // an unavailable score says nothing of the update's quality: no reputation entry for it
        final JsonObject rep = chain.ok("outsider", "query:GetReputation", dln.chaincode.testing.Actors.msp("member1"),
                dln.chaincode.identity.MemberCertificate.parse(dln.chaincode.testing.Actors.pem("member1"), chain.now(), "m").x509Id()).object();
        assertEquals(1, rep.get("scoresGiven").getAsInt());
        assertEquals(0, rep.get("scoresDecided").getAsInt());
    }

    @Test
    void aRoundClosesOnItsQuorumWithoutWaitingForAProviderThatNeverSubmitted() {
        final String model = flow.open(Specs.federated(2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        // provider3 was expected too, but died before uploading: nothing of it is on the ledger
        flow.decide(a, 0.9);
        assertEquals("open", round(model, 1).get("status").getAsString());
        final Result closing = flow.decide(b, 0.9);
        assertEquals("quorum", round(model, 1).get("closedBy").getAsString());
        assertEquals(2, round(model, 2).getAsJsonArray("parents").size());
        assertTrue(closing.event().getAsJsonArray("changes").toString().contains("RoundClosed"));
    }

    @Test
    void anUnfetchableUpdateHoldsItsRoundOnlyUntilTheCommitteeRecordsItUnavailable() {
        final String model = flow.open(Specs.federated(1));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        flow.decide(a, 0.9);
        // b is pending and still scorable: the round waits for it
        assertEquals("open", round(model, 1).get("status").getAsString());
        unavailableOk("member1", b);
        assertEquals("open", round(model, 1).get("status").getAsString(), "member2 and member3 could still bring a quorum of 2");
        final Result stranding = unavailableOk("member2", b);
        // one member left cannot bring an available quorum of 2: b is stranded, the round closes and b expires
        assertTrue(stranding.event().getAsJsonArray("changes").toString().contains("UpdateExpired"));
        assertEquals("expired", stranding.object().getAsJsonObject("update").get("status").getAsString());
        final JsonObject closed = round(model, 1);
        assertEquals("closed", closed.get("status").getAsString());
        assertEquals("quorum", closed.get("closedBy").getAsString());
        assertEquals("[\"" + a + "\"]", closed.getAsJsonArray("accepted").toString());
        assertEquals("expired", update(b).get("status").getAsString());
        rejects(Rule.UPDATE_NOT_PENDING, "member3", SCORE, dln.chaincode.testing.Flow.scoreJson(b, 0.9));
    }

    @Test
    void aStrandedUpdateDoesNotHoldARoundThatLaterReachesItsQuorum() {
        final String model = flow.open(Specs.federated(1));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        unavailableOk("member1", b);
        unavailableOk("member2", b);
        assertEquals("pending", update(b).get("status").getAsString(), "nothing decided yet, so the round stays open");
        flow.decide(a, 0.9);
        assertEquals("closed", round(model, 1).get("status").getAsString());
        assertEquals("expired", update(b).get("status").getAsString());
    }

    @Test
    void anUpdateStillPendingAtTheDeadlineIsExpiredByTheClosing() {
        final String model = flow.open(Specs.federated(2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        flow.decide(a, 0.9);
        unavailableOk("member1", b); // member2 and member3 never come back
        chain.advance(Duration.ofSeconds(3600));
        assertEquals("deadline", chain.ok("provider1", "round:CloseRound", model, "1").object().get("closedBy").getAsString());
        assertEquals("expired", update(b).get("status").getAsString());
    }
}

package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.chaincode.identity.MemberCertificate;
import dln.api.Rule;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreRulesTest extends LedgerTest {

    private static final String SCORE = "score:SubmitScore";
    private static final List<String> INITIAL = List.of("initial");

    private String gossipUpdate(final String by) {
        final String model = flow.open(Specs.gossip(3));
        return flow.submitOk(by, model, Specs.cid("w-" + by), INITIAL, 0);
    }

    @Test
    void thePublisherCannotScore() {
        final String u = gossipUpdate("provider1");
        rejects(Rule.PUBLISHER_CANNOT_SCORE, "publisher", SCORE, Flow.scoreJson(u, 0.9));
    }

    @Test
    void onlyCommitteeMembersScore() {
        final String u = gossipUpdate("provider1");
        rejects(Rule.NOT_COMMITTEE_MEMBER, "outsider", SCORE, Flow.scoreJson(u, 0.9));
        rejects(Rule.NOT_COMMITTEE_MEMBER, "provider2", SCORE, Flow.scoreJson(u, 0.9));
    }

    @Test
    void aMemberNeverScoresItsOwnUpdate() {
        final String u = gossipUpdate("member1");
        rejects(Rule.SELF_SCORING, "member1", SCORE, Flow.scoreJson(u, 0.9));
        // the two other members can still decide it
        flow.scoreOk("member2", u, 0.9);
        assertEquals("accepted", flow.scoreOk("member3", u, 0.9).object().getAsJsonObject("update").get("status").getAsString());
    }

    @Test
    void aLowestScoreKeepsItsReasonAndAReasonIsBounded() {
        final String u = gossipUpdate("provider1");
        final JsonObject o = com.google.gson.JsonParser.parseString(Flow.scoreJson(u, 0.0)).getAsJsonObject();
        o.addProperty("reason", "x".repeat(513));
        rejects(Rule.INVALID_FIELD, "member1", SCORE, o.toString());
        o.addProperty("reason", "weights unusable: truncated");
        chain.ok("member1", SCORE, o.toString());
        final JsonArray scores = chain.ok("member2", "query:GetScores", u).json().getAsJsonArray();
        assertEquals("weights unusable: truncated", scores.get(0).getAsJsonObject().get("reason").getAsString());
    }

    @Test
    void nobodyScoresTwice() {
        final String model = flow.open(Specs.gossip(3));
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        flow.scoreOk("member1", u, 0.9);
        rejects(Rule.DUPLICATE_SCORE, "member1", SCORE, Flow.scoreJson(u, 0.95));
    }

    @Test
    void decisionsAreFinal() {
        final String u = gossipUpdate("provider1");
        flow.decide(u, 0.9);
        rejects(Rule.UPDATE_NOT_PENDING, "member3", SCORE, Flow.scoreJson(u, 0.1));
    }

    @Test
    void scoresAreInTheMetricsRange() {
        final String u = gossipUpdate("provider1");
        rejects(Rule.SCORE_OUT_OF_RANGE, "member1", SCORE, Flow.scoreJson(u, 1.2));
        rejects(Rule.SCORE_OUT_OF_RANGE, "member1", SCORE, Flow.scoreJson(u, -0.1));
        rejects(Rule.INVALID_JSON, "member1", SCORE, "{\"updateId\":\"" + u + "\",\"value\":NaN,\"samples\":5}");
    }

    @Test
    void evaluationSamplesCannotExceedTheFragment() {
        final String u = gossipUpdate("provider1");
        rejects(Rule.INVALID_FIELD, "member1", SCORE, "{\"updateId\":\"" + u + "\",\"value\":0.5,\"samples\":501}");
    }

    @Test
    void aClosedModelTakesNoScore() {
        final String model = flow.open(Specs.gossip(3));
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        chain.ok("publisher", "model:CloseModel", model);
        rejects(Rule.MODEL_NOT_OPEN, "member1", SCORE, Flow.scoreJson(u, 0.9));
        rejects(Rule.MODEL_NOT_OPEN, "provider2", "update:SubmitUpdate", Flow.updateJson(model, Specs.cid("x"), INITIAL, 0));
    }

    @Test
    void unknownUpdatesAreNotFound() {
        flow.open(Specs.gossip(3));
        rejects(Rule.UPDATE_NOT_FOUND, "member1", SCORE, Flow.scoreJson("u-0123456789abcdef0123456789abcdef", 0.9));
        rejects(Rule.INVALID_ID, "member1", SCORE, Flow.scoreJson("nope", 0.9));
    }

    @Test
    void theQuorumBringingScoreDecidesByTheMedian() {
        final JsonObject spec = Specs.gossip(3);
        spec.getAsJsonObject("acceptance").addProperty("quorum", 3);
        final String model = flow.open(spec);
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), INITIAL, 0);
        final Result first = flow.scoreOk("member1", u, 0.95);
        assertEquals("UpdateScored", first.eventName());
        assertEquals("pending", first.object().getAsJsonObject("update").get("status").getAsString());
        flow.scoreOk("member2", u, 0.10); // one outlier cannot sink it: median of {0.95, 0.10, 0.85} = 0.85
        final Result last = flow.scoreOk("member3", u, 0.85);
        assertEquals("UpdateAccepted", last.eventName());
        final JsonObject decided = last.object().getAsJsonObject("update");
        assertEquals("accepted", decided.get("status").getAsString());
        assertEquals(0.85, decided.get("score").getAsDouble(), 1e-12);
        final JsonArray changes = last.event().getAsJsonArray("changes");
        assertEquals("UpdateScored", changes.get(0).getAsJsonObject().get("event").getAsString());
        assertEquals("UpdateAccepted", changes.get(1).getAsJsonObject().get("event").getAsString());
        assertEquals(3, chain.ok("outsider", "query:GetScores", u).json().getAsJsonArray().size());
    }

    @Test
    void belowThresholdIsRejected() {
        final String u = gossipUpdate("provider1");
        final Result r = flow.decide(u, 0.5);
        assertEquals("UpdateRejected", r.eventName());
        assertEquals("rejected", r.object().getAsJsonObject("update").get("status").getAsString());
    }

    @Test
    void forLossLowerIsBetter() {
        final JsonObject spec = Specs.base("gossip", "loss", 2, 0.3, Specs.COMMITTEE);
        spec.add("gossip", Specs.gossip(2).get("gossip"));
        final String model = flow.open(spec);
        final String good = flow.submitOk("provider1", model, Specs.cid("good"), INITIAL, 0);
        final String bad = flow.submitOk("provider2", model, Specs.cid("bad"), INITIAL, 0);
        assertEquals("UpdateAccepted", flow.decide(good, 0.12).eventName());
        assertEquals("UpdateRejected", flow.decide(bad, 2.5).eventName());
        final String better = flow.submitOk("provider3", model, Specs.cid("better"), INITIAL, 0);
        flow.decide(better, 0.05);
        final JsonArray best = chain.ok("outsider", "query:ListBestAccepted", model, "10", "").object().getAsJsonArray("items");
        assertEquals(better, best.get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(good, best.get(1).getAsJsonObject().get("id").getAsString());
        assertEquals(2, best.size());
    }

    /** A regression's RMSE and MAE rank and clear like a loss: lower is better, bounds 0..1e9. */
    @Test
    void forRmseAndMaeLowerIsBetter() {
        for (final String metric : List.of("rmse", "mae")) {
            final JsonObject spec = Specs.base("gossip", metric, 2, 0.8, Specs.COMMITTEE);
            spec.add("gossip", Specs.gossip(2).get("gossip"));
            final String model = flow.open(spec);
            final String good = flow.submitOk("provider1", model, Specs.cid(metric + "good"), INITIAL, 0);
            final String bad = flow.submitOk("provider2", model, Specs.cid(metric + "bad"), INITIAL, 0);
            assertEquals("UpdateAccepted", flow.decide(good, 0.7).eventName());
            assertEquals("UpdateRejected", flow.decide(bad, 1.1).eventName());
            final String better = flow.submitOk("provider3", model, Specs.cid(metric + "better"), INITIAL, 0);
            flow.decide(better, 0.6);
            final JsonArray best = chain.ok("outsider", "query:ListBestAccepted", model, "10", "").object().getAsJsonArray("items");
            assertEquals(better, best.get(0).getAsJsonObject().get("id").getAsString());
            assertEquals(good, best.get(1).getAsJsonObject().get("id").getAsString());
        }
    }

    @Test
    void reputationWeightedMeanTrustsMembersWhoAgreedWithPastDecisions() {
        final JsonObject spec = Specs.gossip(3);
        spec.getAsJsonObject("acceptance").addProperty("quorum", 3);
        spec.getAsJsonObject("acceptance").addProperty("combine", "reputation_weighted_mean");
        final String model = flow.open(spec);
        // Build history: four accepted updates that member3 scored below the threshold.
        for (int i = 0; i < 4; i++) {
            final String u = flow.submitOk("provider" + (1 + i % 3), model, Specs.cid("h" + i), INITIAL, 0);
            flow.scoreOk("member1", u, 0.95);
            flow.scoreOk("member2", u, 0.95);
            assertEquals("UpdateAccepted", flow.scoreOk("member3", u, 0.7).eventName());
        }
        final JsonObject rep3 = chain.ok("outsider", "query:GetReputation", Actors.msp("member3"), x509("member3")).object();
        assertEquals(4, rep3.get("scoresDecided").getAsInt());
        assertEquals(0, rep3.get("scoresAgreed").getAsInt());
        assertEquals(1.0 / 6.0, rep3.get("weight").getAsDouble(), 1e-12);
        // weights 5/6, 5/6, 1/6: (0.75*5/6 + 0.75*5/6 + 0.95/6) / (11/6) = 0.7863... (a plain mean would be 0.8167)
        final String u = flow.submitOk("provider1", model, Specs.cid("probe"), INITIAL, 0);
        flow.scoreOk("member1", u, 0.75);
        flow.scoreOk("member2", u, 0.75);
        final JsonObject decided = flow.scoreOk("member3", u, 0.95).object().getAsJsonObject("update");
        assertEquals("rejected", decided.get("status").getAsString());
        assertEquals((0.75 * 5 / 6 + 0.75 * 5 / 6 + 0.95 / 6) / (11.0 / 6), decided.get("score").getAsDouble(), 1e-9);
        final JsonObject rep1 = chain.ok("outsider", "query:GetReputation", Actors.msp("provider1"), x509("provider1")).object();
        assertEquals(2, rep1.get("accepted").getAsInt());
        assertEquals(1, rep1.get("rejected").getAsInt());
        assertEquals(0, rep1.get("scoresGiven").getAsInt());
        assertEquals(5, chain.ok("outsider", "query:GetReputation", Actors.msp("member1"), x509("member1")).object()
                .get("scoresGiven").getAsInt());
    }

    private String x509(final String who) {
        return MemberCertificate.parse(Actors.pem(who), chain.now(), who).x509Id();
    }
}

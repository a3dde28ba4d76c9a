package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import dln.chaincode.identity.MemberCertificate;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * round:Abstain: a provider whose training left the model where it was takes its turn without an
 * update. The abstention counts toward a contribution round's set as a submission does (the
 * round does not wait for the deadline), makes its provider a participant of the round, and ends
 * its turn: no update after it, nor it after an update.
 */
class AbstentionTest extends LedgerTest {

    private static final List<String> INITIAL = List.of("initial");
    private static final String REASON = "training moved the model 0.00e+00 of its norm: it already fits this provider's data";

    private static JsonObject contribution(final int minUpdates) {
        final JsonObject spec = Specs.federated(minUpdates);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        spec.getAsJsonObject("acceptance").addProperty("tolerance", 3);
        return spec;
    }

    private JsonObject getRound(final String model) {
        return chain.ok("outsider", "query:GetRound", model, "1").object();
    }

    private List<String> scoring(final String model) {
        final JsonArray set = getRound(model).getAsJsonObject("round").getAsJsonArray("scoring");
        return StreamSupport.stream(set.spliterator(), false).map(JsonElement::getAsString).sorted().toList();
    }

    private static List<String> eventsOf(final Result r) {
        final List<String> names = new ArrayList<>();
        r.event().getAsJsonArray("changes").forEach(c -> names.add(c.getAsJsonObject().get("event").getAsString()));
        return names;
    }

    private String x509(final String who) {
        return MemberCertificate.parse(Actors.pem(who), chain.now(), who).x509Id();
    }

    @Test
    void theAbstentionThatCompletesTheRoundFixesItsSetOfTheOthersUpdates() {
        final String model = flow.open(contribution(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        assertEquals("open", getRound(model).getAsJsonObject("round").get("status").getAsString());
        final Result abstained = chain.ok("provider3", "round:Abstain", model, "1", REASON);
        assertEquals(List.of("RoundAbstained", "RoundScoring"), eventsOf(abstained));
        assertEquals("scoring", abstained.object().get("status").getAsString());
        assertEquals(List.of(a, b).stream().sorted().toList(), scoring(model));
        final JsonArray abstentions = getRound(model).getAsJsonArray("abstentions");
        assertEquals(1, abstentions.size());
        assertEquals(REASON, abstentions.get(0).getAsJsonObject().get("reason").getAsString());
        assertEquals(x509("provider3"), abstentions.get(0).getAsJsonObject().getAsJsonObject("by").get("x509Id").getAsString());
    }

    @Test
    void aRoundWithAnAbstentionIsCompleteOneSubmissionEarlier() {
        // The last submission asks to fix the set and finds it complete with the abstention.
        final String model = flow.open(contribution(3));
        chain.ok("provider3", "round:Abstain", model, "1", REASON);
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final JsonObject asking = JsonParser.parseString(Flow.updateJson(model, Specs.cid("b"), INITIAL, 1)).getAsJsonObject();
        asking.addProperty("startScoring", true);
        final String b = chain.ok("provider2", "update:SubmitUpdate", asking.toString()).object().get("id").getAsString();
        assertEquals(List.of(a, b).stream().sorted().toList(), scoring(model));
        // StartScoring counts it too: with one submission and one abstention of 3, the round still waits.
        final String other = flow.open(contribution(3));
        chain.ok("provider3", "round:Abstain", other, "1", REASON);
        flow.submitOk("provider1", other, Specs.cid("c"), INITIAL, 1);
        final Result early = rejects(Rule.TOO_FEW_SUBMISSIONS, "member1", "round:StartScoring", other, "1");
        assertTrue(early.message().contains("1 abstention"), early.message());
        flow.submitOk("provider2", other, Specs.cid("d"), INITIAL, 1);
        chain.ok("member1", "round:StartScoring", other, "1");
        assertEquals(2, scoring(other).size());
    }

    @Test
    void anAbstainerTookItsTurnAndTakesPartInTheRound() {
        final String model = flow.open(contribution(4));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final JsonObject before = chain.ok("outsider", "query:GetProviderWork", model, Actors.msp("provider3"), x509("provider3")).object();
        assertFalse(before.get("abstained").getAsBoolean());
        chain.ok("provider3", "round:Abstain", model, "1", REASON);
        final JsonObject after = chain.ok("outsider", "query:GetProviderWork", model, Actors.msp("provider3"), x509("provider3")).object();
        assertTrue(after.get("abstained").getAsBoolean());
        final JsonObject work = chain.ok("outsider", "query:GetMemberWork", model, Actors.msp("member1"), x509("member1"), "10").object();
        assertEquals(1, work.get("submitted").getAsInt());
        assertEquals(1, work.get("abstained").getAsInt());
        // A participant: refused for too few turns (2 of 4), where a provider that never took part is refused as an outsider.
        rejects(Rule.TOO_FEW_SUBMISSIONS, "provider3", "round:StartScoring", model, "1");
        rejects(Rule.NOT_ROUND_PARTICIPANT, "provider2", "round:StartScoring", model, "1");
        // Its turn is over: neither another abstention nor an update.
        rejects(Rule.ABSTAINED_IN_ROUND, "provider3", "round:Abstain", model, "1", REASON);
        rejects(Rule.ABSTAINED_IN_ROUND, "provider3", "update:SubmitUpdate", Flow.updateJson(model, Specs.cid("c"), INITIAL, 1));
        rejects(Rule.DUPLICATE_UPDATE_IN_ROUND, "provider1", "round:Abstain", model, "1", REASON);
    }

    @Test
    void whatCannotAbstainIsRefusedAndWritesNothing() {
        final String model = flow.open(contribution(2));
        rejects(Rule.INVALID_FIELD, "provider1", "round:Abstain", model, "1", "");
        rejects(Rule.INVALID_FIELD, "provider1", "round:Abstain", model, "1", "x".repeat(513));
        rejects(Rule.INVALID_FIELD, "provider1", "round:Abstain", model, "one", REASON);
        rejects(Rule.PUBLISHER_CANNOT_SUBMIT, "publisher", "round:Abstain", model, "1", REASON);
        rejects(Rule.ROUND_NOT_FOUND, "provider1", "round:Abstain", model, "2", REASON);
        rejects(Rule.MODEL_NOT_FOUND, "provider1", "round:Abstain", "m-" + "0".repeat(32), "1", REASON);
        // A threshold round closes on decided updates, which an abstention cannot bring.
        final String threshold = flow.open(Specs.federated(2));
        rejects(Rule.POLICY_INCOHERENT, "provider1", "round:Abstain", threshold, "1", REASON);
        final String gossip = flow.open(Specs.gossip(2));
        rejects(Rule.NOT_FEDERATED, "provider1", "round:Abstain", gossip, "1", REASON);
        // Once the set is fixed, the round has no turns left to take.
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        chain.ok("provider2", "round:Abstain", model, "1", REASON);
        rejects(Rule.SUBMISSIONS_CLOSED, "provider3", "round:Abstain", model, "1", REASON);
    }
}

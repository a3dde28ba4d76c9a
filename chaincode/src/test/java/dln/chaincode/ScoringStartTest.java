package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The scoring phase started by the submission that completes a round ({@code update.startScoring}):
 * the set is fixed in that same transaction, exactly as StartScoring would fix it, nothing joins
 * it afterwards, and StartScoring stays for the deadline and for racing submissions that did not ask.
 */
class ScoringStartTest extends LedgerTest {

    private static final List<String> INITIAL = List.of("initial");

    private static JsonObject contribution(final int minUpdates) {
        final JsonObject spec = Specs.federated(minUpdates);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        spec.getAsJsonObject("acceptance").addProperty("tolerance", 3);
        return spec;
    }

    private static String asking(final String model, final String cid, final JsonElement startScoring) {
        final JsonObject o = JsonParser.parseString(Flow.updateJson(model, cid, INITIAL, 1)).getAsJsonObject();
        o.add("startScoring", startScoring);
        return o.toString();
    }

    private static String asking(final String model, final String cid) {
        return asking(model, cid, new com.google.gson.JsonPrimitive(true));
    }

    private static JsonObject round(final Chain chain, final String model) {
        return chain.ok("outsider", "query:GetRound", model, "1").object().getAsJsonObject("round");
    }

    private static List<String> scoring(final Chain chain, final String model) {
        final JsonArray set = round(chain, model).getAsJsonArray("scoring");
        return StreamSupport.stream(set.spliterator(), false).map(JsonElement::getAsString).toList();
    }

    private static List<String> eventsOf(final Result r) {
        final List<String> names = new ArrayList<>();
        r.event().getAsJsonArray("changes").forEach(c -> names.add(c.getAsJsonObject().get("event").getAsString()));
        return names;
    }

    @Test
    void theSubmissionThatCompletesTheRoundFixesItsSetInTheSameTransaction() {
        final String model = flow.open(contribution(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        // Asking too early is no error: the update is in, the round still takes submissions.
        final Result early = chain.ok("provider2", "update:SubmitUpdate", asking(model, Specs.cid("b")));
        final String b = early.object().get("id").getAsString();
        assertEquals("open", round(chain, model).get("status").getAsString());
        assertEquals(List.of("UpdateSubmitted"), eventsOf(early));
        final JsonObject score = JsonParser.parseString(Flow.scoreJson(a, 0.9)).getAsJsonObject();
        score.addProperty("contribution", 0.01);
        score.addProperty("contributionSe", 0.001);
        rejects(Rule.SCORING_NOT_STARTED, "member1", "score:SubmitScore", score.toString());

        final String deadlineBefore = round(chain, model).get("deadline").getAsString();
        chain.advance(Duration.ofSeconds(60));
        final Result last = chain.ok("provider3", "update:SubmitUpdate", asking(model, Specs.cid("c")));
        final String c = last.object().get("id").getAsString();
        final JsonObject r = round(chain, model);
        assertEquals("scoring", r.get("status").getAsString());
        assertEquals(List.of(a, b, c).stream().sorted().toList(), scoring(chain, model), "the submitted set, this update included, sorted");
        assertEquals(List.of("UpdateSubmitted", "RoundScoring"), eventsOf(last));
        assertNotEquals(deadlineBefore, r.get("deadline").getAsString(), "the deadline moves on by a round's time for scoring");
        assertEquals("pending", chain.ok("outsider", "query:GetUpdate", c).object().get("status").getAsString());
    }

    @Test
    void nothingJoinsAnAutomaticallyFixedSetAndStartScoringIsRefusedAfterIt() {
        final String model = flow.open(contribution(2));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        chain.ok("provider2", "update:SubmitUpdate", asking(model, Specs.cid("b")));
        rejects(Rule.SUBMISSIONS_CLOSED, "provider3", "update:SubmitUpdate", Flow.updateJson(model, Specs.cid("c"), INITIAL, 1));
        rejects(Rule.SUBMISSIONS_CLOSED, "provider3", "update:SubmitUpdate", asking(model, Specs.cid("c")));
        rejects(Rule.ROUND_NOT_OPEN, "member1", "round:StartScoring", model, "1");
        rejects(Rule.ROUND_NOT_OPEN, "provider1", "round:StartScoring", model, "1");
    }

    @Test
    void aCompletingSubmissionThatDoesNotAskLeavesTheStartToStartScoring() {
        final String model = flow.open(contribution(2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        assertEquals("open", round(chain, model).get("status").getAsString());
        chain.ok("member1", "round:StartScoring", model, "1");
        assertEquals(List.of(a, b).stream().sorted().toList(), scoring(chain, model));
    }

    @Test
    void bothWaysFixTheSameSet() {
        final Chain folded = new Chain();
        final Chain separate = new Chain();
        final String m1 = new Flow(folded).open(contribution(3));
        final String m2 = new Flow(separate).open(contribution(3));
        assertEquals(m1, m2, "the same publication on two fresh ledgers");
        for (final String p : List.of("provider1", "provider2")) {
            new Flow(folded).submitOk(p, m1, Specs.cid(p), INITIAL, 1);
            new Flow(separate).submitOk(p, m2, Specs.cid(p), INITIAL, 1);
        }
        folded.ok("provider3", "update:SubmitUpdate", asking(m1, Specs.cid("provider3")));
        new Flow(separate).submitOk("provider3", m2, Specs.cid("provider3"), INITIAL, 1);
        separate.ok("member1", "round:StartScoring", m2, "1");
        assertEquals(scoring(separate, m2), scoring(folded, m1));
        assertEquals(3, scoring(folded, m1).size());
    }

    @Test
    void onlyAnAskingSubmissionReadsTheRoundsSubmissions() {
        final String model = flow.open(contribution(5));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final long second = flow.submit("provider2", model, Specs.cid("b"), INITIAL, 1).keysRead();
        final long third = flow.submit("provider3", model, Specs.cid("c"), INITIAL, 1).keysRead();
        assertEquals(second, third, "a submission that does not ask reads no other submission of its round");
        final long asking = chain.ok("outsider", "update:SubmitUpdate", asking(model, Specs.cid("d"))).keysRead();
        assertTrue(asking >= third + 3, "an asking submission reads the round's 3 others: " + asking + " keys against " + third);
        assertEquals("open", round(chain, model).get("status").getAsString(), "4 of 5: still open");
    }

    @Test
    void askingIsRefusedWhereThereIsNoScoringPhase() {
        final String threshold = flow.open(Specs.federated(1));
        rejects(Rule.POLICY_INCOHERENT, "provider1", "update:SubmitUpdate", asking(threshold, Specs.cid("a")));
        final String gossip = flow.open(Specs.gossip(2));
        final JsonObject g = JsonParser.parseString(Flow.updateJson(gossip, Specs.cid("g"), INITIAL, 0)).getAsJsonObject();
        g.addProperty("startScoring", true);
        rejects(Rule.INVALID_FIELD, "provider1", "update:SubmitUpdate", g.toString());
        final String model = flow.open(contribution(1));
        rejects(Rule.INVALID_FIELD, "provider1", "update:SubmitUpdate", asking(model, Specs.cid("a"), new com.google.gson.JsonPrimitive("yes")));
        // false is the same as absent.
        chain.ok("provider1", "update:SubmitUpdate", asking(model, Specs.cid("a"), new com.google.gson.JsonPrimitive(false)));
        assertEquals("open", round(chain, model).get("status").getAsString());
    }
}

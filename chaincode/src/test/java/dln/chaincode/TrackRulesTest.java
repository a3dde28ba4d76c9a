package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A provider's track on a model: the decisions count it, and each submission copies it into the
 * update, so that every participant weighs the update by the same record (trust weighting).
 */
class TrackRulesTest extends LedgerTest {

    private static final List<String> INITIAL = List.of("initial");

    private JsonObject track(final String updateId) {
        return chain.ok("outsider", "query:GetUpdate", updateId).object().getAsJsonObject("track");
    }

    private static JsonObject counts(final long accepted, final long rejected) {
        final JsonObject o = new JsonObject();
        o.addProperty("accepted", accepted);
        o.addProperty("rejected", rejected);
        return o;
    }

    @Test
    void eachSubmissionCarriesItsProvidersDecisionsOnTheModelSoFar() {
        final String model = flow.open(Specs.federated(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("r1-a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("r1-b"), INITIAL, 1);
        final String c = flow.submitOk("provider3", model, Specs.cid("r1-c"), INITIAL, 1);
        assertEquals(counts(0, 0), track(a));
        flow.decide(a, 0.91);
        flow.decide(b, 0.92);
        flow.decide(c, 0.11);
        // the record copied at submission stays what it was: the decision counts into the next one
        assertEquals(counts(0, 0), track(a));
        final List<String> parents = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
        final String d = flow.submitOk("provider1", model, Specs.cid("r2-d"), parents, 2);
        final String f = flow.submitOk("provider3", model, Specs.cid("r2-f"), parents, 2);
        assertEquals(counts(1, 0), track(d));
        assertEquals(counts(0, 1), track(f));
        flow.decide(d, 0.12);
        flow.decide(f, 0.93);
        // round 2 closes on its deadline with f accepted; provider1 was then accepted once and rejected once
        chain.advance(java.time.Duration.ofHours(2));
        chain.ok("provider3", "round:CloseRound", model, "2");
        final String g = flow.submitOk("provider1", model, Specs.cid("r3-g"), List.of(f), 3);
        assertEquals(counts(1, 1), track(g));
        // another model's record is its own
        final String other = flow.open(Specs.federated(1));
        assertEquals(counts(0, 0), track(flow.submitOk("provider1", other, Specs.cid("o-1"), INITIAL, 1)));
    }

    @Test
    void twoDecisionsOfOneProviderInOneBatchBothCount() {
        final String model = flow.open(Specs.gossip(2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 0);
        final String b = flow.submitOk("provider1", model, Specs.cid("b"), INITIAL, 0);
        flow.scoreOk("member1", a, 0.9);
        flow.scoreOk("member1", b, 0.2);
        final JsonArray scores = new JsonArray();
        scores.add(com.google.gson.JsonParser.parseString(dln.chaincode.testing.Flow.scoreJson(a, 0.9)));
        scores.add(com.google.gson.JsonParser.parseString(dln.chaincode.testing.Flow.scoreJson(b, 0.2)));
        final JsonObject batch = new JsonObject();
        batch.add("scores", scores);
        // member2's batch brings both quorums in one transaction, which cannot read its own first write
        chain.ok("member2", "score:SubmitScores", batch.toString());
        assertEquals("accepted", chain.ok("outsider", "query:GetUpdate", a).object().get("status").getAsString());
        assertEquals(counts(1, 1), track(flow.submitOk("provider1", model, Specs.cid("c"), List.of(a), 0)));
    }

    @Test
    void theTrustPowerIsRecordedAndItsRangeChecked() {
        final JsonObject spec = Specs.federated(2);
        final JsonObject w = new JsonObject();
        w.addProperty("policy", "median_capped");
        w.addProperty("trust", 2);
        spec.add("weighting", w);
        final String model = flow.publish(spec);
        assertEquals(2.0, chain.ok("outsider", "query:GetModel", model).object().getAsJsonObject("weighting").get("trust").getAsDouble());
        for (final double bad : new double[] {-1, 8.5}) {
            w.addProperty("trust", bad);
            rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", spec.toString());
        }
        w.addProperty("trust", "high");
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", spec.toString());
    }
}

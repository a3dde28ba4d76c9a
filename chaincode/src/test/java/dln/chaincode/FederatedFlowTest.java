package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three providers, three members, two rounds: the round closes on its quorum and the next starts from its accepted set. */
class FederatedFlowTest extends LedgerTest {

    @Test
    void twoRoundsFromInitialWeightsToAnAggregate() {
        final JsonObject spec = Specs.federated(3);
        final String model = flow.open(spec);

        // round 1: three updates from the initial weights; one is poisoned and rejected
        final String a = flow.submitOk("provider1", model, Specs.cid("r1-a"), List.of("initial"), 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("r1-b"), List.of("initial"), 1);
        final String c = flow.submitOk("provider3", model, Specs.cid("r1-c"), List.of("initial"), 1);
        assertEquals("UpdateAccepted", flow.decide(a, 0.91).eventName());
        assertEquals("UpdateRejected", flow.decide(c, 0.11).eventName());
        flow.scoreOk("member3", b, 0.93);
        final Result closing = flow.scoreOk("member1", b, 0.92);
        // one event per transaction, named after the decision; the round change is listed inside it
        assertEquals("UpdateAccepted", closing.eventName());
        final List<String> names = new ArrayList<>();
        closing.event().getAsJsonArray("changes").forEach(e -> names.add(e.getAsJsonObject().get("event").getAsString()));
        assertEquals(List.of("UpdateScored", "UpdateAccepted", "RoundClosed", "RoundOpened"), names);

        final JsonObject round1 = chain.ok("outsider", "query:GetRound", model, "1").object().getAsJsonObject("round");
        assertEquals("closed", round1.get("status").getAsString());
        assertEquals("quorum", round1.get("closedBy").getAsString());
        final List<String> accepted = new ArrayList<>(List.of(a, b));
        accepted.sort(null);
        assertEquals(accepted, strings(round1.getAsJsonArray("accepted")));

        // the first participant to aggregate records the CID; round 2 names exactly {a, b}
        chain.ok("provider3", "round:RecordAggregate", model, "1", Specs.cid("agg-1"), "");
        final String d = flow.submitOk("provider1", model, Specs.cid("r2-d"), List.of(b, a), 2);
        final String e = flow.submitOk("provider2", model, Specs.cid("r2-e"), List.of(a, b), 2);
        final String f = flow.submitOk("provider3", model, Specs.cid("r2-f"), List.of(a, b), 2);
        flow.decide(d, 0.95);
        flow.decide(e, 0.94);
        flow.decide(f, 0.96);
        final JsonObject model2 = chain.ok("outsider", "query:GetModel", model).object();
        assertEquals(3, model2.get("currentRound").getAsInt());

        // lineage of a round-2 update walks back through round 1 to the initial weights
        final JsonArray lineage = chain.ok("outsider", "query:GetLineage", d, "5").json().getAsJsonArray();
        assertEquals(accepted, strings(ids(lineage)));
        final JsonObject children = chain.ok("outsider", "query:GetChildren", model, a, "10", "").object();
        assertEquals(3, children.get("count").getAsInt());

        // listings by round and status are their own key ranges
        assertEquals(1, list(model, "{\"modelId\":\"" + model + "\",\"round\":1,\"status\":\"rejected\",\"pageSize\":10}"));
        assertEquals(3, list(model, "{\"modelId\":\"" + model + "\",\"round\":2,\"pageSize\":10}"));
        assertEquals(5, list(model, "{\"modelId\":\"" + model + "\",\"status\":\"accepted\",\"pageSize\":10}"));
        assertEquals(6, list(model, "{\"modelId\":\"" + model + "\",\"pageSize\":10}"));

        final JsonObject rep = chain.ok("outsider", "query:GetReputation", "Org3MSP",
                chain.ok("outsider", "query:GetUpdate", c).object().getAsJsonObject("submitter").get("x509Id").getAsString()).object();
        assertEquals(1, rep.get("accepted").getAsInt());
        assertEquals(1, rep.get("rejected").getAsInt());
        assertTrue(rep.get("weight").getAsDouble() > 0);
    }

    private int list(final String model, final String query) {
        return chain.ok("outsider", "query:ListUpdates", query).object().get("count").getAsInt();
    }

    private static JsonArray ids(final JsonArray updates) {
        final JsonArray out = new JsonArray();
        updates.forEach(u -> out.add(u.getAsJsonObject().get("id")));
        return out;
    }

    private static List<String> strings(final JsonArray a) {
        final List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}

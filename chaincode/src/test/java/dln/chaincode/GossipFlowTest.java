package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An asynchronous DAG: providers build on accepted updates of their choice, 1..k parents each. */
class GossipFlowTest extends LedgerTest {

    @Test
    void aDagGrowsFromAcceptedUpdates() {
        final String model = flow.open(Specs.gossip(2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 0);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 0);
        flow.decide(a, 0.90);
        flow.decide(b, 0.85);
        final String c = flow.submitOk("provider3", model, Specs.cid("c"), List.of(a, b), 0);
        flow.decide(c, 0.93);
        final String d = flow.submitOk("provider1", model, Specs.cid("d"), List.of(c), 0);
        flow.decide(d, 0.95);

        assertEquals(List.of(d, c, a, b), ids(chain.ok("outsider", "query:ListBestAccepted", model, "10", "").object()));
        assertEquals(List.of(d, c, b, a), ids(chain.ok("outsider", "query:ListRecentAccepted", model, "10", "").object()));
        final JsonObject firstBest = chain.ok("outsider", "query:ListBestAccepted", model, "1", "").object();
        assertEquals(List.of(c), ids(chain.ok("outsider", "query:ListBestAccepted", model, "1",
                firstBest.get("bookmark").getAsString()).object()));

        final JsonObject update = chain.ok("outsider", "query:GetUpdate", c).object();
        assertEquals(0, update.get("round").getAsInt());
        assertEquals("accepted", update.get("status").getAsString());

        final JsonArray lineage = chain.ok("outsider", "query:GetLineage", d, "10").json().getAsJsonArray();
        assertEquals(3, lineage.size());
        assertEquals(c, lineage.get(0).getAsJsonObject().get("id").getAsString());
        final JsonArray shallow = chain.ok("outsider", "query:GetLineage", d, "1").json().getAsJsonArray();
        assertEquals(1, shallow.size());

        assertEquals(2, chain.ok("outsider", "query:GetChildren", model, "initial", "10", "").object().get("count").getAsInt());

        // the whole DAG, two nodes per page, in submission order
        final Set<String> seen = new HashSet<>();
        String bookmark = "";
        int pages = 0;
        do {
            final JsonObject page = chain.ok("outsider", "query:GetDag", model, "2", bookmark).object();
            page.getAsJsonArray("items").forEach(n -> seen.add(n.getAsJsonObject().get("id").getAsString()));
            bookmark = page.get("bookmark").getAsString();
            pages++;
        } while (!bookmark.isEmpty());
        assertEquals(Set.of(a, b, c, d), seen);
        assertEquals(2, pages);
        assertTrue(chain.ok("outsider", "query:GetDag", model, "10", "").object().getAsJsonArray("items").get(0)
                .getAsJsonObject().has("parents"));
    }

    private static List<String> ids(final JsonObject page) {
        final List<String> out = new java.util.ArrayList<>();
        page.getAsJsonArray("items").forEach(u -> out.add(u.getAsJsonObject().get("id").getAsString()));
        return out;
    }
}

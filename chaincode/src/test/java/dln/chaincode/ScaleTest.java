package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ledger of thousands of updates across two models: every query and every transaction reads a
 * number of keys that depends on its page or its own records, never on the size of the world state.
 */
class ScaleTest {

    private static final int GOSSIP_UPDATES = 3000;

    @Test
    void queriesAndTransactionsVisitKeyRangesNotTheWorldState() {
        final Chain chain = new Chain();
        final Flow flow = new Flow(chain);
        final String gossip = flow.open(Specs.gossip(3));
        final String federated = flow.open(Specs.federated(3));
        final String seed = flow.submitOk("provider1", gossip, Specs.cid("seed"), List.of("initial"), 0);
        flow.decide(seed, 0.9);
        final List<String> ids = new ArrayList<>();
        final String[] providers = {"provider1", "provider2", "provider3"};
        for (int i = 0; i < GOSSIP_UPDATES; i++) {
            ids.add(flow.submitOk(providers[i % 3], gossip, Specs.cid("g" + i), List.of(seed), 0));
        }
        for (int i = 0; i < 300; i++) {
            flow.decide(ids.get(i), i % 3 == 0 ? 0.2 : 0.9);
        }
        // a federated round with many updates from distinct identities is not needed for key counting:
        // one provider per round is the rule, so the round's size is bounded by the three providers here.
        for (int i = 0; i < 3; i++) {
            flow.submitOk(providers[i], federated, Specs.cid("f" + i), List.of("initial"), 1);
        }
        final int world = chain.size();
        assertTrue(world > 5 * GOSSIP_UPDATES, "world state holds " + world + " keys");

        final int page = 50;
        assertFewKeys(chain.ok("outsider", "query:ListUpdates", "{\"modelId\":\"" + gossip + "\",\"status\":\"accepted\",\"pageSize\":50}"),
                2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:ListUpdates", "{\"modelId\":\"" + gossip + "\",\"status\":\"pending\",\"pageSize\":50}"),
                2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:ListUpdates", "{\"modelId\":\"" + federated + "\",\"round\":1,\"pageSize\":50}"),
                2 * 3 + 5, world);
        assertFewKeys(chain.ok("outsider", "query:GetDag", gossip, "50", ""), 2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:GetChildren", gossip, seed, "50", ""), 2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:GetScores", ids.get(0)), 10, world);
        assertFewKeys(chain.ok("outsider", "query:ListBestAccepted", gossip, "50", ""), 2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:ListRecentAccepted", gossip, "50", ""), 2 * page + 5, world);
        assertFewKeys(chain.ok("outsider", "query:GetLineage", ids.get(5), "5"), 10, world);
        assertFewKeys(chain.ok("outsider", "query:ListModels", "open", "10", ""), 10, world);

        // paging through every pending update with bookmarks sees each exactly once
        int seen = 0;
        String bookmark = "";
        do {
            final JsonObject p = chain.ok("outsider", "query:ListUpdates", "{\"modelId\":\"" + gossip
                    + "\",\"status\":\"pending\",\"pageSize\":200,\"bookmark\":" + new com.google.gson.JsonPrimitive(bookmark) + "}").object();
            seen += p.get("count").getAsInt();
            bookmark = p.get("bookmark").getAsString();
        } while (!bookmark.isEmpty());
        assertEquals(GOSSIP_UPDATES - 300, seen);

        // writes stay cheap too: submitting and deciding read the update's own keys only
        final Result submit = flow.submit("provider2", gossip, Specs.cid("late"), List.of(seed), 0);
        assertFewKeys(submit, 10, world);
        final String late = submit.object().get("id").getAsString();
        assertFewKeys(flow.scoreOk("member1", late, 0.9), 10, world);
        assertFewKeys(flow.scoreOk("member2", late, 0.9), 10, world);
    }

    private static void assertFewKeys(final Result r, final long bound, final int world) {
        assertTrue(r.ok(), r.message());
        assertTrue(r.keysRead() <= bound, "read " + r.keysRead() + " keys (bound " + bound + ") of a world state of " + world);
    }
}

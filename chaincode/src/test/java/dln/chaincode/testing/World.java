package dln.chaincode.testing;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * A ledger with something of every kind, for the abuse suite: a federated model whose round 1
 * accepted provider1's and provider2's updates and has its aggregate (recorded by provider1), and
 * whose round 2 holds provider1's pending update; a gossip model with a pending update of
 * provider3 and one of committee member3; a model still proposed. Roles: publisher, members 1-3,
 * providers 1-3 and an outsider, who never took part in anything.
 */
public final class World {

    public final Chain chain = new Chain();
    public final Flow flow = new Flow(chain);
    /** Federated, open, in round 2. */
    public final String fed;
    /** Round 1 of fed: accepted. */
    public final String a;
    public final String b;
    /** Round 2 of fed: pending, by provider1. */
    public final String c;
    /** Gossip, open. */
    public final String gossip;
    /** Gossip: pending, by provider3. */
    public final String g;
    /** Gossip: pending, by committee member3. */
    public final String gm;
    /** Federated, proposed (no vote yet). */
    public final String proposed;
    /** Federated with secure aggregation (3 providers, threshold 2), open; provider1 advertised its mask key in round 1. */
    public final String secure;
    /** provider1's X.509 id as the chaincode derives it. */
    public final String provider1Id;

    public World() {
        fed = flow.open(Specs.federated(2));
        a = flow.submitOk("provider1", fed, Specs.cid("a"), List.of("initial"), 1);
        b = flow.submitOk("provider2", fed, Specs.cid("b"), List.of("initial"), 1);
        flow.decide(a, 0.9);
        flow.decide(b, 0.9);
        chain.ok("provider1", "round:RecordAggregate", fed, "1", Specs.cid("aggregate-1"), "");
        c = flow.submitOk("provider1", fed, Specs.cid("c"), List.of(a, b), 2);
        gossip = flow.open(Specs.gossip(2));
        g = flow.submitOk("provider3", gossip, Specs.cid("g"), List.of("initial"), 0);
        gm = flow.submitOk("member3", gossip, Specs.cid("gm"), List.of("initial"), 0);
        proposed = flow.publish(Specs.federated(2));
        secure = flow.open(Specs.secure(3, 2));
        chain.ok("provider1", "secagg:AdvertiseMaskKey", secure, "1", Specs.maskKey(1));
        provider1Id = chain.ok("outsider", "query:GetUpdate", a).object().getAsJsonObject("submitter").get("x509Id").getAsString();
    }

    /** A valid round-2 update of fed for {@code who}, not yet submitted. */
    public String round2Update(final String seed) {
        return Flow.updateJson(fed, Specs.cid(seed), List.of(a, b), 2);
    }

    /** A ListUpdates query of fed. */
    public String listQuery() {
        final JsonObject q = new JsonObject();
        q.addProperty("modelId", fed);
        q.addProperty("pageSize", 10);
        return q.toString();
    }
}

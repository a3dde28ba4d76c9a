package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.identity.MemberCertificate;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ListSubmittedBy, ListUnscoredBy, GetMemberWork and GetProviderWork: a provider's last update and
 * a member's work left, each read from a range whose size follows its own records, not the model's DAG.
 */
class IdentityQueriesTest extends LedgerTest {

    @Test
    void aProvidersUpdatesComeNewestFirstAndTheLastOneCostsTheSameWhateverTheDag() {
        final String model = flow.open(Specs.gossip(3));
        final String first = flow.submitOk("provider1", model, Specs.cid("p1-0"), List.of("initial"), 0);
        flow.submitOk("provider2", model, Specs.cid("p2-0"), List.of("initial"), 0);
        final String second = flow.submitOk("provider1", model, Specs.cid("p1-1"), List.of("initial"), 0);
        final JsonObject page = submittedBy("provider1", model, "10", "").object();
        assertEquals(List.of(second, first), ids(page), "newest submitted first, only provider1's");
        assertEquals("", page.get("bookmark").getAsString());

        final long small = submittedBy("provider1", model, "1", "").keysRead();
        grow(model, 200);
        final Result last = submittedBy("provider1", model, "1", "");
        assertEquals(small, last.keysRead(), "the newest update is one key away however many came before");
        assertEquals(1, last.object().get("count").getAsInt());
        assertTrue(last.object().get("bookmark").getAsString().length() > 0, "older updates are on the next pages");
    }

    @Test
    void aMembersWorkLeftIsThePendingItNeitherSubmittedNorScored() {
        final String model = flow.open(Specs.gossip(3));
        final String scored = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 0);
        final String open = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 0);
        final String own = flow.submitOk("member3", model, Specs.cid("c"), List.of("initial"), 0);
        final String decided = flow.submitOk("provider3", model, Specs.cid("d"), List.of("initial"), 0);
        flow.scoreOk("member3", scored, 0.9);
        flow.decide(decided, 0.9);
        assertEquals(List.of(open), ids(unscoredBy("member3", model, "200", "").object()));
        assertEquals(List.of(scored, open, own), ids(unscoredBy("member1", model, "200", "").object()), "in submission order");
        assertTrue(ids(unscoredBy("member3", model, "200", "").object()).stream().noneMatch(scored::equals));
    }

    @Test
    void aPageCoversItsPendingUpdatesEvenWhenItListsNoneOfThem() {
        final String model = flow.open(Specs.gossip(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 0);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 0);
        flow.scoreOk("member1", a, 0.9);
        final JsonObject first = unscoredBy("member1", model, "1", "").object();
        assertEquals(0, first.get("count").getAsInt(), "the page's one pending update is scored already");
        final String bookmark = first.get("bookmark").getAsString();
        assertTrue(!bookmark.isEmpty(), "but there is a next page");
        final JsonObject second = unscoredBy("member1", model, "1", bookmark).object();
        assertEquals(List.of(b), ids(second));
        assertEquals("", second.get("bookmark").getAsString());
    }

    @Test
    void aMembersPassReadsWhatIsPendingNotWhatWasDecided() {
        final String model = flow.open(Specs.gossip(3));
        final List<String> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(flow.submitOk("provider" + (i + 1), model, Specs.cid("pending" + i), List.of("initial"), 0));
        }
        flow.scoreOk("member1", pending.get(0), 0.9);
        final long before = unscoredBy("member1", model, "200", "").keysRead();
        grow(model, 200);
        final Result after = unscoredBy("member1", model, "200", "");
        assertEquals(before, after.keysRead(), "200 decided updates cost the pass nothing");
        assertEquals(pending.subList(1, 3), ids(after.object()));
        // model, then per pending update: its index entry, the update, the member's score key
        assertEquals(1 + 3 * 3, after.keysRead());
    }

    @Test
    void aMembersWorkIsTheModelItsCurrentRoundAndWhatItHasLeftToScoreReadFromOneState() {
        final String model = flow.open(Specs.federated(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 1);
        flow.scoreOk("member1", a, 0.9);
        final JsonObject work = memberWork("member1", model, "200").object();
        assertEquals(chain.ok("outsider", "query:GetModel", model).object(), work.getAsJsonObject("model"));
        assertEquals(chain.ok("outsider", "query:GetRound", model, "1").object().getAsJsonObject("round"), work.getAsJsonObject("round"),
                "the current round, as GetRound has it");
        assertEquals(unscoredBy("member1", model, "200", "").object(), work.getAsJsonObject("unscored"), "ListUnscoredBy's first page");
        assertEquals(List.of(b), ids(work.getAsJsonObject("unscored")));
        assertEquals(2, work.get("submitted").getAsInt(), "the open round's submissions, the ones the member scored included");

        // Under the contribution policy a round whose set is fixed takes no more: none counted.
        final com.google.gson.JsonObject spec = Specs.federated(2);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        final String byContribution = flow.open(spec);
        flow.submitOk("provider1", byContribution, Specs.cid("c"), List.of("initial"), 1);
        assertEquals(1, memberWork("member1", byContribution, "200").object().get("submitted").getAsInt());
        flow.submitOk("provider2", byContribution, Specs.cid("d"), List.of("initial"), 1);
        chain.ok("member1", "round:StartScoring", byContribution, "1");
        final JsonObject fixed = memberWork("member1", byContribution, "200").object();
        assertEquals("scoring", fixed.getAsJsonObject("round").get("status").getAsString());
        assertTrue(!fixed.has("submitted") || fixed.get("submitted").isJsonNull(), "a fixed set counts none: " + fixed);

        final String gossip = flow.open(Specs.gossip(3));
        final JsonObject none = memberWork("member1", gossip, "200").object();
        assertTrue(!none.has("round") || none.get("round").isJsonNull(), "a gossip model has no rounds: " + none);
        assertEquals(0, none.getAsJsonObject("unscored").get("count").getAsInt());
    }

    @Test
    void aProvidersWorkIsTheModelItsCurrentRoundItsNewestUpdateAndTheParentsViewsFromOneState() {
        final String model = flow.open(Specs.federated(2));
        final JsonObject first = providerWork("provider1", model).object();
        assertTrue(!first.has("newest") || first.get("newest").isJsonNull(), "nothing submitted yet: " + first);
        assertEquals(0, first.getAsJsonArray("parents").size(), "round 1 starts from the initial weights: no parent to read");
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 1);
        flow.decide(a, 0.9);
        flow.decide(b, 0.9);
        final JsonObject work = providerWork("provider1", model).object();
        assertEquals(chain.ok("outsider", "query:GetModel", model).object(), work.getAsJsonObject("model"));
        final JsonObject round = chain.ok("outsider", "query:GetRound", model, "2").object().getAsJsonObject("round");
        assertEquals(round, work.getAsJsonObject("round"), "the current round, as GetRound has it");
        assertEquals(a, work.getAsJsonObject("newest").get("id").getAsString(), "provider1's newest update, of round 1");
        final List<JsonElement> parents = new ArrayList<>();
        work.getAsJsonArray("parents").forEach(parents::add);
        final List<JsonElement> expected = new ArrayList<>();
        round.getAsJsonArray("parents").forEach(id -> expected.add(chain.ok("outsider", "query:GetUpdate", id.getAsString()).object()));
        assertEquals(expected, parents, "the views of the round's parents, in its order");
        assertEquals(2, parents.size());
        final String next = flow.submitOk("provider1", model, Specs.cid("a2"), List.of(a, b).stream().sorted().toList(), 2);
        assertEquals(next, providerWork("provider1", model).object().getAsJsonObject("newest").get("id").getAsString(),
                "once it joined round 2, its newest update says so");

        final String gossip = flow.open(Specs.gossip(3));
        final String g = flow.submitOk("provider2", gossip, Specs.cid("g"), List.of("initial"), 0);
        final JsonObject none = providerWork("provider2", gossip).object();
        assertTrue(!none.has("round") || none.get("round").isJsonNull(), "a gossip model has no rounds: " + none);
        assertEquals(g, none.getAsJsonObject("newest").get("id").getAsString());
    }

    @Test
    void argumentsAreCheckedBeforeAnythingIsRead() {
        final String federated = flow.open(Specs.federated(3));
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetProviderWork", federated, "", x509("provider1"));
        assertEquals(0, rejects(Rule.INVALID_ID, "outsider", "query:GetProviderWork", "model-1", Actors.msp("provider1"), x509("provider1")).keysRead());
        rejects(Rule.MODEL_NOT_FOUND, "outsider", "query:GetProviderWork", "m-0123456789abcdef0123456789abcdef", Actors.msp("provider1"),
                x509("provider1"));
        rejects(Rule.WRONG_ARGUMENT_COUNT, "outsider", "query:GetProviderWork", federated, Actors.msp("provider1"));
        final String fed = flow.open(Specs.federated(3));
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetMemberWork", fed, "", x509("member1"), "10");
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetMemberWork", fed, Actors.msp("member1"), x509("member1"), "201");
        assertEquals(0, rejects(Rule.INVALID_ID, "outsider", "query:GetMemberWork", "model-1", Actors.msp("member1"), x509("member1"), "10").keysRead());
        rejects(Rule.WRONG_ARGUMENT_COUNT, "outsider", "query:GetMemberWork", fed, Actors.msp("member1"), x509("member1"), "10", "");
        final String model = flow.open(Specs.gossip(3));
        for (final String tx : List.of("query:ListSubmittedBy", "query:ListUnscoredBy")) {
            rejects(Rule.INVALID_FIELD, "outsider", tx, model, "", x509("member1"), "10", "");
            rejects(Rule.INVALID_FIELD, "outsider", tx, model, Actors.msp("member1"), "", "10", "");
            rejects(Rule.INVALID_FIELD, "outsider", tx, model, Actors.msp("member1"), x509("member1"), "0", "");
            rejects(Rule.INVALID_FIELD, "outsider", tx, model, Actors.msp("member1"), x509("member1"), "201", "");
            assertEquals(0, rejects(Rule.INVALID_ID, "outsider", tx, "model-1", Actors.msp("member1"), x509("member1"), "10", "").keysRead());
            rejects(Rule.MODEL_NOT_FOUND, "outsider", tx, "m-0123456789abcdef0123456789abcdef", Actors.msp("member1"), x509("member1"), "10", "");
        }
        flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 0);
        flow.submitOk("provider1", model, Specs.cid("b"), List.of("initial"), 0);
        final String bookmark = chain.ok("outsider", "query:GetDag", model, "1", "").object().get("bookmark").getAsString();
        assertTrue(!bookmark.isEmpty());
        rejects(Rule.INVALID_BOOKMARK, "outsider", "query:ListSubmittedBy", model, Actors.msp("provider1"), x509("provider1"), "1", bookmark);
        rejects(Rule.INVALID_BOOKMARK, "outsider", "query:ListUnscoredBy", model, Actors.msp("member1"), x509("member1"), "1", bookmark);
    }

    /** {@code n} more accepted updates from provider2 and provider3, each decided by member1 and member2. */
    private void grow(final String model, final int n) {
        for (int i = 0; i < n; i++) {
            final String u = flow.submitOk(i % 2 == 0 ? "provider2" : "provider3", model, Specs.cid("grow" + i), List.of("initial"), 0);
            flow.decide(u, 0.9);
        }
    }

    private Result submittedBy(final String who, final String model, final String pageSize, final String bookmark) {
        return chain.ok("outsider", "query:ListSubmittedBy", model, Actors.msp(who), x509(who), pageSize, bookmark);
    }

    private Result providerWork(final String who, final String model) {
        return chain.ok("outsider", "query:GetProviderWork", model, Actors.msp(who), x509(who));
    }

    private Result memberWork(final String who, final String model, final String pageSize) {
        return chain.ok("outsider", "query:GetMemberWork", model, Actors.msp(who), x509(who), pageSize);
    }

    private Result unscoredBy(final String who, final String model, final String pageSize, final String bookmark) {
        return chain.ok("outsider", "query:ListUnscoredBy", model, Actors.msp(who), x509(who), pageSize, bookmark);
    }

    private static List<String> ids(final JsonObject page) {
        final List<String> out = new ArrayList<>();
        for (final JsonElement e : page.getAsJsonArray("items")) {
            out.add(e.getAsJsonObject().get("id").getAsString());
        }
        return out;
    }

    private String x509(final String who) {
        return MemberCertificate.parse(Actors.pem(who), chain.now(), who).x509Id();
    }
}

package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * SubmitScores: a member's scores of a round in one transaction end the ledger exactly where the
 * same scores sent one by one in update-id order end it (score records, decisions, reputation, the
 * round's closing and the next round), and every check SubmitScore makes refuses the whole batch.
 */
class ScoreBatchTest extends LedgerTest {

    private static final String SCORE = "score:SubmitScore";
    private static final String SCORES = "score:SubmitScores";
    private static final List<String> INITIAL = List.of("initial");
    private static final String[] PROVIDERS = {"provider1", "provider2", "provider3"};

    private static JsonObject contribution(final int minUpdates, final String combine) {
        final JsonObject spec = Specs.federated(minUpdates);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        spec.getAsJsonObject("acceptance").addProperty("tolerance", 1.0);
        spec.getAsJsonObject("acceptance").addProperty("combine", combine);
        // The whole committee decides, so the last batch takes several decisions, each weighing the members after the one before.
        spec.getAsJsonObject("acceptance").addProperty("quorum", 3);
        return spec;
    }

    private static JsonObject score(final String updateId, final double contribution, final double se) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("value", 0.5);
        o.addProperty("samples", 10);
        o.addProperty("contribution", contribution);
        o.addProperty("contributionSe", se);
        return o;
    }

    private static String batch(final List<JsonObject> scores) {
        final JsonArray a = new JsonArray();
        scores.forEach(a::add);
        final JsonObject o = new JsonObject();
        o.add("scores", a);
        return o.toString();
    }

    /**
     * How the model decides, and so what a score carries: by contribution in federated rounds
     * (scored once the set is fixed), by a standalone threshold in federated rounds, or by a
     * threshold in gossip (round 0: a gossip member's pass sends its scores as one batch too).
     */
    private enum Policy {
        CONTRIBUTION, THRESHOLD, GOSSIP;

        JsonObject spec(final String combine) {
            final JsonObject spec = switch (this) {
                case CONTRIBUTION -> contribution(PROVIDERS.length, combine);
                case THRESHOLD -> Specs.federated(PROVIDERS.length);
                case GOSSIP -> Specs.gossip(2);
            };
            spec.getAsJsonObject("acceptance").addProperty("combine", combine);
            spec.getAsJsonObject("acceptance").addProperty("quorum", 3);
            return spec;
        }

        int round() {
            return this == GOSSIP ? 0 : 1;
        }

        /** A verdict in standard errors as this policy scores it: contribution, or accuracy about the threshold 0.8. */
        JsonObject score(final String update, final int verdict) {
            if (this == CONTRIBUTION) {
                return ScoreBatchTest.score(update, verdict * 0.001, 0.001);
            }
            final JsonObject o = new JsonObject();
            o.addProperty("updateId", update);
            o.addProperty("value", 0.8 + verdict * 0.02);
            o.addProperty("samples", 10);
            return o;
        }
    }

    /** A model in its scoring phase with one update per provider; returns the model id then the update ids, sorted. */
    private static List<String> scoringRound(final Chain on, final String combine) {
        return scoringRound(on, Policy.CONTRIBUTION, combine);
    }

    private static List<String> scoringRound(final Chain on, final Policy policy, final String combine) {
        final Flow f = new Flow(on);
        final String model = f.open(policy.spec(combine));
        final List<String> ids = new ArrayList<>();
        for (final String p : PROVIDERS) {
            ids.add(f.submitOk(p, model, Specs.cid("w-" + p), INITIAL, policy.round()));
        }
        if (policy == Policy.CONTRIBUTION) {
            on.ok("member1", "round:StartScoring", model, "1");
        }
        ids.sort(null);
        ids.add(0, model);
        return ids;
    }

    /**
     * Each member's paired loss decrease, in standard errors, for the round's updates in id order.
     * All agree on the first; member2 alone disagrees with the second's rejection; on the third
     * the members' weights after those two decisions turn the weighted mean to a rejection where
     * equal weights (and the median) accept: a batch that forgot its own earlier decisions would
     * decide it otherwise.
     */
    private static final Map<String, int[]> VERDICTS = Map.of(
            "member1", new int[] {4, -8, -6},
            "member2", new int[] {4, 8, 4},
            "member3", new int[] {4, -8, 0});

    private static JsonObject verdict(final Policy policy, final String member, final String update, final int index) {
        return policy.score(update, VERDICTS.get(member)[index]);
    }

    /**
     * Every timestamp replaced: each transaction has its own, the one thing that may differ. The
     * recent-accepted index carries the decision time in its key (reverse milliseconds).
     */
    private static Map<String, String> timeless(final Map<String, String> state) {
        final Map<String, String> out = new TreeMap<>();
        state.forEach((k, v) -> out.put(k.contains(dln.chaincode.keys.Keys.UPDATE_RECENT) ? k.replaceAll("\\u0000\\d{13,19}\\u0000", "\u0000<time>\u0000") : k,
                v == null ? null : v.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")));
        return out;
    }

    private static String differences(final Map<String, String> expected, final Map<String, String> actual) {
        final StringBuilder out = new StringBuilder();
        final java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (final String k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
                out.append("\n").append(k).append("\n  one by one: ").append(expected.get(k)).append("\n  batch:      ").append(actual.get(k));
            }
        }
        return out.toString();
    }

    private void sameAsOneByOne(final Policy policy, final String combine, final String... accepted) {
        final Chain single = new Chain();
        final Chain batched = new Chain();
        final List<String> a = scoringRound(single, policy, combine);
        final List<String> b = scoringRound(batched, policy, combine);
        assertEquals(a, b, "the same world up to the scores");
        final List<String> updates = a.subList(1, a.size());
        assertEquals(timeless(single.snapshot()), timeless(batched.snapshot()));
        for (final String member : List.of("member1", "member2", "member3")) {
            final List<JsonObject> scores = new ArrayList<>();
            for (int i = 0; i < updates.size(); i++) {
                scores.add(verdict(policy, member, updates.get(i), i));
            }
            for (final JsonObject s : scores) {
                single.ok(member, SCORE, s.toString());
            }
            final List<JsonObject> shuffled = new ArrayList<>(scores);
            java.util.Collections.reverse(shuffled);
            final JsonArray results = batched.ok(member, SCORES, batch(shuffled)).object().getAsJsonArray("results");
            assertEquals(updates.size(), results.size());
            assertEquals(updates.get(0), results.get(0).getAsJsonObject().getAsJsonObject("update").get("id").getAsString(), "in id order");
            final Map<String, String> one = timeless(single.snapshot());
            final Map<String, String> all = timeless(batched.snapshot());
            assertEquals(one, all, () -> "after " + member + "'s scores: " + differences(one, all));
        }
        final List<String> expected = new ArrayList<>();
        for (final String i : accepted) {
            expected.add(updates.get(Integer.parseInt(i)));
        }
        final List<String> decided = new ArrayList<>();
        for (final String u : updates) {
            final String status = batched.ok("outsider", "query:GetUpdate", u).object().get("status").getAsString();
            assertNotEquals("pending", status, u + ": the whole committee scored it");
            if (status.equals("accepted")) {
                decided.add(u);
            }
        }
        assertEquals(expected, decided, "accepted");
        if (policy != Policy.GOSSIP) {
            final JsonObject closed = batched.ok("outsider", "query:GetRound", a.get(0), "1").object().getAsJsonObject("round");
            assertEquals("closed", closed.get("status").getAsString(), "the batch that settles the set closes the round");
            assertEquals(expected.toString().replace(" ", ""), closed.getAsJsonArray("accepted").toString().replace("\"", ""));
        }
    }

    @Test
    void aBatchLeavesTheLedgerAsTheSameScoresOneByOneUnderAReputationWeightedMean() {
        sameAsOneByOne(Policy.CONTRIBUTION, "reputation_weighted_mean", "0");
    }

    @Test
    void aBatchLeavesTheLedgerAsTheSameScoresOneByOneUnderTheMedian() {
        sameAsOneByOne(Policy.CONTRIBUTION, "median", "0", "2");
    }

    @Test
    void aThresholdRoundsBatchLeavesTheLedgerAsTheSameScoresOneByOne() {
        sameAsOneByOne(Policy.THRESHOLD, "reputation_weighted_mean", "0");
        sameAsOneByOne(Policy.THRESHOLD, "median", "0", "2");
    }

    @Test
    void aGossipBatchLeavesTheLedgerAsTheSameScoresOneByOne() {
        sameAsOneByOne(Policy.GOSSIP, "reputation_weighted_mean", "0");
        sameAsOneByOne(Policy.GOSSIP, "median", "0", "2");
    }

    @Test
    void theBatchItselfIsChecked() {
        final List<String> ids = scoringRound(chain, "median");
        final String u = ids.get(1);
        rejects(Rule.EMPTY_SCORE_BATCH, "member1", SCORES, batch(List.of()));
        rejects(Rule.DUPLICATE_IN_BATCH, "member1", SCORES, batch(List.of(score(u, 0.01, 0.001), score(ids.get(2), 0.01, 0.001), score(u, 0.02, 0.001))));
        final List<JsonObject> many = new ArrayList<>();
        for (int i = 0; i <= dln.chaincode.score.ScoreBatch.MAX_SCORES; i++) {
            many.add(score(u, 0.01, 0.001));
        }
        rejects(Rule.SCORE_BATCH_TOO_LARGE, "member1", SCORES, batch(many));
        rejects(Rule.MISSING_FIELD, "member1", SCORES, "{}");
        rejects(Rule.UNKNOWN_FIELD, "member1", SCORES, "{\"scores\":[],\"extra\":1}");
        rejects(Rule.INVALID_FIELD, "member1", SCORES, "{\"scores\":[1]}");
        rejects(Rule.INVALID_FIELD, "member1", SCORES, "{\"scores\":{}}");
        rejects(Rule.INVALID_JSON, "member1", SCORES, "[" + batch(List.of(score(u, 0.01, 0.001))) + "]");
        final String other = new Flow(chain).open(contribution(1, "median"));
        final String elsewhere = new Flow(chain).submitOk("provider1", other, Specs.cid("elsewhere"), INITIAL, 1);
        chain.ok("member1", "round:StartScoring", other, "1");
        rejects(Rule.SCORE_BATCH_SPANS_ROUNDS, "member1", SCORES, batch(List.of(score(u, 0.01, 0.001), score(elsewhere, 0.01, 0.001))));
    }

    @Test
    void everyScoreIsCheckedAsSubmitScoreChecksItAndOneBadScoreRefusesTheBatch() {
        final List<String> ids = scoringRound(chain, "median");
        final String u = ids.get(1);
        final JsonObject good = score(ids.get(2), 0.01, 0.001);
        rejects(Rule.NOT_COMMITTEE_MEMBER, "outsider", SCORES, batch(List.of(good)));
        rejects(Rule.PUBLISHER_CANNOT_SCORE, "publisher", SCORES, batch(List.of(good)));
        final JsonObject noContribution = new JsonObject();
        noContribution.addProperty("updateId", u);
        noContribution.addProperty("value", 0.5);
        noContribution.addProperty("samples", 10);
        rejects(Rule.CONTRIBUTION_REQUIRED, "member1", SCORES, batch(List.of(good, noContribution)));
        final JsonObject outOfRange = score(u, 0.01, 0.001);
        outOfRange.addProperty("value", 1.5);
        rejects(Rule.SCORE_OUT_OF_RANGE, "member1", SCORES, batch(List.of(good, outOfRange)));
        final JsonObject tooMany = score(u, 0.01, 0.001);
        tooMany.addProperty("samples", 501);
        rejects(Rule.INVALID_FIELD, "member1", SCORES, batch(List.of(good, tooMany)));
        final JsonObject unavailableWithValue = score(u, 0.01, 0.001);
        unavailableWithValue.addProperty("unavailable", true);
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORES, batch(List.of(good, unavailableWithValue)));
        rejects(Rule.UPDATE_NOT_FOUND, "member1", SCORES, batch(List.of(good, score("u-" + "0".repeat(32), 0.01, 0.001))));
        chain.ok("member1", SCORE, score(u, 0.01, 0.001).toString());
        rejects(Rule.DUPLICATE_SCORE, "member1", SCORES, batch(List.of(good, score(u, 0.01, 0.001))));
        chain.ok("member2", SCORE, score(u, 0.01, 0.001).toString());
        chain.ok("member3", SCORE, score(u, 0.01, 0.001).toString());
        rejects(Rule.UPDATE_NOT_PENDING, "member1", SCORES, batch(List.of(good, score(u, 0.01, 0.001))));
        final String open = new Flow(chain).open(contribution(2, "median"));
        final String early = new Flow(chain).submitOk("provider1", open, Specs.cid("early"), INITIAL, 1);
        rejects(Rule.SCORING_NOT_STARTED, "member1", SCORES, batch(List.of(score(early, 0.01, 0.001))));
    }
}

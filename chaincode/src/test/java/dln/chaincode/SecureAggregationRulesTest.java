package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The secagg contract's rules: which policies secure aggregation refuses, the order of a round's
 * steps, who may take each, the threshold, and the recovered aggregate scored as the round's one
 * update, whose decision closes the round.
 */
class SecureAggregationRulesTest extends LedgerTest {
    private static final String ADVERTISE = "secagg:AdvertiseMaskKey";
    private static final String SHARE = "secagg:ShareSecrets";
    private static final String MASKED = "secagg:SubmitMasked";
    private static final String REVEAL = "secagg:RevealShares";
    private static final String ADVANCE = "secagg:AdvanceSecureRound";
    private static final String RECORD = "secagg:RecordSecureAggregate";

    private static String key(final int i) {
        return Specs.maskKey(i);
    }

    private static String list(final int n, final String item) {
        final JsonArray a = new JsonArray();
        for (int i = 0; i < n; i++) {
            a.add(item);
        }
        final JsonObject o = new JsonObject();
        o.add("shares", a);
        return o.toString();
    }

    /** SHA-256 hex of the share {@code hex}, as a commitment names it. */
    private static String digest(final String hex) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(java.util.HexFormat.of().parseHex(hex)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** n envelopes whose commitments name, for recipient j, the share {@code reveals[j]} (both secrets'). */
    private static String shares(final int n, final String... reveals) {
        final JsonObject o = com.google.gson.JsonParser.parseString(list(n, "AAAA")).getAsJsonObject();
        final JsonArray c = new JsonArray();
        for (int j = 0; j < n; j++) {
            final String share = reveals.length == 0 ? "0a" : reveals[j];
            c.add(digest(share) + digest(share));
        }
        o.add("commitments", c);
        return o.toString();
    }

    private static String masked(final String seed) {
        final JsonObject o = new JsonObject();
        o.addProperty("maskedCid", Specs.cid(seed));
        o.addProperty("samples", 100);
        o.addProperty("trainingMillis", 2000);
        o.addProperty("recipeHash", dln.api.TrainingRecipe.DEFAULT.hash());
        return o.toString();
    }

    private static String aggregate(final String seed) {
        final JsonObject o = new JsonObject();
        o.addProperty("weightsCid", Specs.cid(seed));
        return o.toString();
    }

    @Test
    void policiesThatNeedSingleUpdatesAreRefusedByName() {
        final JsonObject gossip = Specs.gossip(2);
        gossip.add("secureAggregation", Specs.secure(3, 2).get("secureAggregation"));
        rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", gossip.toString());
        final JsonObject medianRule = Specs.secure(3, 2);
        medianRule.getAsJsonObject("aggregation").addProperty("rule", "median");
        assertTrue(rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", medianRule.toString())
                .message().contains("individual updates"));
        final JsonObject claimed = Specs.secure(3, 2);
        claimed.remove("weighting");
        rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", claimed.toString());
        // A median cap needs the others' claims, per-organisation weights the survivors: neither is known when a provider masks.
        final JsonObject median = Specs.secure(3, 2);
        median.getAsJsonObject("weighting").addProperty("policy", "median_capped");
        assertTrue(rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", median.toString())
                .message().contains("equal or capped"));
        final JsonObject perOrg = Specs.secure(3, 2);
        perOrg.getAsJsonObject("weighting").addProperty("perOrganisation", true);
        rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", perOrg.toString());
        // Only the masked aggregate is decided, so no provider has a track to weigh.
        final JsonObject trust = Specs.secure(3, 2);
        trust.getAsJsonObject("weighting").addProperty("trust", 2);
        assertTrue(rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", trust.toString())
                .message().contains("weighting.trust"));
        final JsonObject contribution = Specs.secure(3, 2);
        contribution.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        rejects(Rule.SECURE_AGGREGATION_INCOMPATIBLE, "publisher", "model:PublishModel", contribution.toString());
        rejects(Rule.POLICY_INCOHERENT, "publisher", "model:PublishModel", Specs.secure(3, 4).toString());
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", Specs.secure(3, 1).toString());
    }

    /**
     * Commitments name a provider that posts bad shares: a revealed share that is not the one its
     * sender committed to is refused, naming the revealer's slot; an empty share reports the
     * sender's share as invalid and is recorded on the round, naming the sender; the aggregate is
     * recorded once enough valid shares of every sender remain, and refused by name before.
     */
    @Test
    void aProviderThatPostsABadShareIsNamedAndTheRoundRecoversWithEnoughHonestShares() {
        final String m = flow.open(Specs.secure(3, 2));
        for (int i = 1; i <= 3; i++) {
            chain.ok("provider" + i, ADVERTISE, m, "1", key(i));
        }
        final JsonObject noCommitments = com.google.gson.JsonParser.parseString(shares(3)).getAsJsonObject();
        noCommitments.getAsJsonArray("commitments").remove(0);
        rejects(Rule.SECAGG_SHARE_COUNT, "provider1", SHARE, m, "1", noCommitments.toString());
        rejects(Rule.MISSING_FIELD, "provider1", SHARE, m, "1", list(3, "AAAA"));
        for (int i = 1; i <= 3; i++) {
            chain.ok("provider" + i, SHARE, m, "1", shares(3));
        }
        for (int i = 1; i <= 3; i++) {
            chain.ok("provider" + i, MASKED, m, "1", masked("y" + i));
        }
        final JsonObject round = chain.ok("outsider", "query:GetSecureRound", m, "1").object().getAsJsonObject("round");
        final JsonObject culprit = round.getAsJsonArray("shared").get(0).getAsJsonObject();
        final String culpritName = culprit.get("mspId").getAsString() + "/" + culprit.get("x509Id").getAsString();

        // Revealing a share its sender did not commit to is refused: a survivor cannot frame a sender with a wrong share.
        assertTrue(rejects(Rule.SECAGG_SHARE_INVALID, "provider1", REVEAL, m, "1", reveal("0b", "0a", "0a")).message().contains("position 0"));
        final JsonObject reported = chain.ok("provider1", REVEAL, m, "1", reveal("", "0a", "0a")).object();
        assertEquals(1, reported.getAsJsonArray("invalidShares").size());
        final JsonObject invalid = reported.getAsJsonArray("invalidShares").get(0).getAsJsonObject();
        assertEquals("SECAGG_SHARE_INVALID", invalid.get("rule").getAsString());
        assertEquals(culprit, invalid.getAsJsonObject("sender"), "the sender of the bad share is named");
        chain.ok("provider2", REVEAL, m, "1", reveal("0a", "0a", "0a"));
        // Two survivors revealed (the threshold) but only one valid share of the culprit's self seed: named, not recovered.
        final var below = rejects(Rule.SECAGG_SHARE_INVALID, "provider2", RECORD, m, "1", aggregate("agg"));
        assertTrue(below.message().contains(culpritName) && below.message().contains("1 of its revealed shares are valid"), below.message());
        chain.ok("provider3", REVEAL, m, "1", reveal("0a", "0a", "0a"));
        chain.ok("provider2", RECORD, m, "1", aggregate("agg"));
        final JsonObject agreed = chain.ok("provider3", RECORD, m, "1", aggregate("agg")).object();
        assertEquals("aggregated", agreed.get("phase").getAsString(), "two honest shares of every secret remain: the round recovers");
        assertEquals(1, agreed.getAsJsonArray("invalidShares").size(), "the report stays on the round");
    }

    private static String reveal(final String... shares) {
        final JsonArray a = new JsonArray();
        for (final String s : shares) {
            a.add(s);
        }
        final JsonObject o = new JsonObject();
        o.add("shares", a);
        return o.toString();
    }

    @Test
    void aRoundGoesThroughItsStepsAndItsAggregateIsScoredAsItsOneUpdate() {
        final String m = flow.open(Specs.secure(3, 2));
        // A plain update is refused: it would be readable and scored alone.
        rejects(Rule.SECURE_AGGREGATION_REQUIRED, "provider1", "update:SubmitUpdate",
                Flow.updateJson(m, Specs.cid("plain"), List.of("initial"), 1));
        rejects(Rule.NOT_SECURE_AGGREGATION, "provider1", ADVERTISE, flow.open(Specs.federated(2)), "1", key(1));
        rejects(Rule.COMMITTEE_CANNOT_SUBMIT, "member1", ADVERTISE, m, "1", key(1));
        rejects(Rule.PUBLISHER_CANNOT_SUBMIT, "publisher", ADVERTISE, m, "1", key(1));
        rejects(Rule.INVALID_FIELD, "provider1", ADVERTISE, m, "1", "04" + "AB".repeat(64));
        assertTrue(rejects(Rule.INVALID_FIELD, "provider1", ADVERTISE, m, "1", "04" + "ab".repeat(64)).message().contains("not a point"));
        rejects(Rule.SECAGG_NOT_IN_SET, "provider1", SHARE, m, "1", shares(3));

        chain.ok("provider1", ADVERTISE, m, "1", key(1));
        rejects(Rule.SECAGG_ALREADY_DONE, "provider1", ADVERTISE, m, "1", key(1));
        chain.ok("provider2", ADVERTISE, m, "1", key(2));
        rejects(Rule.SECAGG_WRONG_PHASE, "provider1", SHARE, m, "1", shares(3));
        final JsonObject fixed = chain.ok("provider3", ADVERTISE, m, "1", key(3)).object();
        assertEquals("shares", fixed.get("phase").getAsString(), "the key set is fixed at rounds.minUpdates");
        rejects(Rule.SECAGG_WRONG_PHASE, "outsider", ADVERTISE, m, "1", key(4));

        rejects(Rule.SECAGG_NOT_IN_SET, "outsider", SHARE, m, "1", shares(3));
        rejects(Rule.SECAGG_SHARE_COUNT, "provider1", SHARE, m, "1", shares(2));
        chain.ok("provider1", SHARE, m, "1", shares(3));
        chain.ok("provider2", SHARE, m, "1", shares(3));
        // provider3 drops out before sharing: only the publisher may move on before the deadline.
        rejects(Rule.ROUND_DEADLINE_NOT_REACHED, "provider1", ADVANCE, m, "1");
        rejects(Rule.NOT_ROUND_PARTICIPANT, "outsider", ADVANCE, m, "1");
        assertEquals("masking", chain.ok("publisher", ADVANCE, m, "1").object().get("phase").getAsString());

        rejects(Rule.SECAGG_NOT_IN_SET, "provider3", MASKED, m, "1", masked("y3"));
        // A masked update trained with another recipe than the model's is refused like a plain one.
        final JsonObject otherRecipe = com.google.gson.JsonParser.parseString(masked("y1")).getAsJsonObject();
        otherRecipe.addProperty("recipeHash", "0".repeat(64));
        rejects(Rule.RECIPE_MISMATCH, "provider1", MASKED, m, "1", otherRecipe.toString());
        chain.ok("provider1", MASKED, m, "1", masked("y1"));
        rejects(Rule.SECAGG_ALREADY_DONE, "provider1", MASKED, m, "1", masked("y1b"));
        assertEquals("unmasking", chain.ok("provider2", MASKED, m, "1", masked("y2")).object().get("phase").getAsString());

        rejects(Rule.SECAGG_BELOW_THRESHOLD, "provider1", RECORD, m, "1", aggregate("agg"));
        rejects(Rule.SECAGG_SHARE_COUNT, "provider1", REVEAL, m, "1", list(3, "00"));
        rejects(Rule.SECAGG_NOT_IN_SET, "provider3", REVEAL, m, "1", list(2, "00"));
        chain.ok("provider1", REVEAL, m, "1", list(2, "0a"));
        rejects(Rule.SECAGG_BELOW_THRESHOLD, "provider1", RECORD, m, "1", aggregate("agg"));
        chain.ok("provider2", REVEAL, m, "1", list(2, "0a"));
        rejects(Rule.NOT_ROUND_PARTICIPANT, "outsider", RECORD, m, "1", aggregate("agg"));

        // Any participant records what it recovered, even the provider that dropped; the weights become the round's
        // update when the threshold (2) agree. A forged record alone stays a vote and names its recorder.
        final JsonObject pending = chain.ok("provider3", RECORD, m, "1", aggregate("agg")).object();
        assertTrue(pending.get("aggregateUpdateId") == null || pending.get("aggregateUpdateId").isJsonNull(), pending.toString());
        assertEquals(pending, chain.ok("provider3", RECORD, m, "1", aggregate("agg")).object(), "the same vote again changes nothing");
        rejects(Rule.SECAGG_ALREADY_DONE, "provider3", RECORD, m, "1", aggregate("other"));
        assertEquals("unmasking", chain.ok("provider1", RECORD, m, "1", aggregate("forged")).object().get("phase").getAsString());
        final JsonObject agreed = chain.ok("provider2", RECORD, m, "1", aggregate("agg")).object();
        assertEquals("aggregated", agreed.get("phase").getAsString());
        assertEquals(3, agreed.getAsJsonArray("votes").size());
        final JsonObject update = chain.ok("outsider", "query:GetUpdate", agreed.get("aggregateUpdateId").getAsString()).object();
        assertEquals(Specs.cid("agg"), update.get("weightsCid").getAsString(), "the agreed weights, not the forged ones");
        assertEquals("dln", update.getAsJsonObject("submitter").get("mspId").getAsString());
        assertEquals(200, update.get("samples").getAsLong());
        assertEquals(dln.api.TrainingRecipe.DEFAULT.hash(), update.get("recipeHash").getAsString(), "the aggregate carries the model's recipe");
        rejects(Rule.AGGREGATE_ALREADY_RECORDED, "provider1", RECORD, m, "1", aggregate("agg2"));
        final JsonObject view = chain.ok("outsider", "query:GetSecureRound", m, "1").object();
        assertEquals(3, view.getAsJsonArray("parties").size());
        assertEquals(update.get("id").getAsString(), view.getAsJsonObject("round").get("aggregateUpdateId").getAsString());
        assertTrue(view.getAsJsonArray("parties").get(0).getAsJsonObject().get("certificatePem").getAsString()
                .startsWith("-----BEGIN CERTIFICATE-----"));

        flow.decide(update.get("id").getAsString(), 0.9);
        final JsonObject round = chain.ok("outsider", "query:GetRound", m, "1").object().getAsJsonObject("round");
        assertEquals("closed", round.get("status").getAsString(), "one decided aggregate closes a secure round");
        assertEquals(List.of(update.get("id").getAsString()), List.of(round.getAsJsonArray("accepted").get(0).getAsString()));
        // provider1 took part in round 1, so it may record round 1's aggregate of the accepted set.
        chain.ok("provider1", "round:RecordAggregate", m, "1", Specs.cid("agg"), "");
    }

    /**
     * DP at the provider composes with masking: a DP model under secure aggregation (with capped
     * weights) is published, and each masked submission is accounted like a plain update: refused
     * without its run, with a wrong epsilon, or past the budget; recorded with the chaincode's
     * epsilon on the provider's part of the round.
     */
    @Test
    void dpAndCappedWeightsComposeWithSecureAggregation() {
        final double q = 0.01;
        final double sigma = 1.1;
        final long steps = 300;
        final double oneRun = dln.api.privacy.RdpAccountant.DLN.epsilon(q, sigma, steps, 1e-5);
        final double twoRuns = dln.api.privacy.RdpAccountant.DLN.epsilon(q, sigma, 2 * steps, 1e-5);
        final JsonObject spec = Specs.secure(3, 2);
        final JsonObject w = new JsonObject();
        w.addProperty("policy", "capped");
        w.addProperty("cap", 500);
        spec.add("weighting", w);
        final JsonObject p = new JsonObject();
        p.addProperty("epsilon", (oneRun + twoRuns) / 2);
        p.addProperty("delta", 1e-5);
        p.addProperty("clip", 1.0);
        p.addProperty("noiseMultiplier", sigma);
        spec.add("privacy", p);
        final String m = flow.open(spec);
        for (int i = 1; i <= 3; i++) {
            chain.ok("provider" + i, ADVERTISE, m, "1", key(i));
        }
        for (int i = 1; i <= 3; i++) {
            chain.ok("provider" + i, SHARE, m, "1", shares(3));
        }
        rejects(Rule.PRIVACY_RECORD_REQUIRED, "provider1", MASKED, m, "1", masked("y1"));
        rejects(Rule.PRIVACY_SPEND_MISMATCH, "provider1", MASKED, m, "1", maskedWithRun("y1", q, sigma, steps, oneRun / 2));
        rejects(Rule.PRIVACY_BELOW_POLICY, "provider1", MASKED, m, "1", maskedWithRun("y1", q, sigma / 2, steps, oneRun));
        // Twice the steps spend more than the budget, between one run's and two runs' epsilon: refused by name.
        rejects(Rule.PRIVACY_BUDGET_EXCEEDED, "provider2", MASKED, m, "1", maskedWithRun("y2", q, sigma, 2 * steps, twoRuns));
        chain.ok("provider1", MASKED, m, "1", maskedWithRun("y1", q, sigma, steps, oneRun));
        final JsonObject party = chain.ok("outsider", "query:GetSecureRound", m, "1").object().getAsJsonArray("parties").get(0).getAsJsonObject();
        final dln.api.view.SecureRoundView.Party read = new com.google.gson.Gson().fromJson(party, dln.api.view.SecureRoundView.Party.class);
        assertEquals(new dln.api.view.UpdateView.Privacy(sigma, 1.0, q, steps, oneRun), read.privacy());
    }

    private static String maskedWithRun(final String seed, final double q, final double sigma, final long steps, final double epsilon) {
        final JsonObject o = com.google.gson.JsonParser.parseString(masked(seed)).getAsJsonObject();
        final JsonObject p = new JsonObject();
        p.addProperty("noiseMultiplier", sigma);
        p.addProperty("clip", 1.0);
        p.addProperty("samplingRate", q);
        p.addProperty("steps", steps);
        p.addProperty("epsilon", epsilon);
        o.add("privacy", p);
        return o.toString();
    }

    @Test
    void belowTheThresholdARoundCannotMoveOnAndClosesAtItsDeadlineWithNothing() {
        final String m = flow.open(Specs.secure(3, 2));
        chain.ok("provider1", ADVERTISE, m, "1", key(1));
        rejects(Rule.SECAGG_BELOW_THRESHOLD, "publisher", ADVANCE, m, "1");
        chain.advance(Duration.ofHours(2));
        rejects(Rule.ROUND_DEADLINE_PASSED, "provider2", ADVERTISE, m, "1", key(2));
        rejects(Rule.SECAGG_BELOW_THRESHOLD, "provider1", ADVANCE, m, "1");
        chain.ok("provider1", "round:CloseRound", m, "1");
        assertEquals(2, chain.ok("outsider", "query:GetModel", m).object().get("currentRound").getAsInt());
    }
}

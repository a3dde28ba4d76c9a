package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contribution policy: a round's submitted set is fixed (StartScoring) before anyone scores,
 * nothing joins it afterwards, scores carry a contribution and its standard error, and the
 * decision is the members' t-statistic against the tolerance. Weighting policies are checked at
 * publication.
 */
class ContributionRulesTest extends LedgerTest {

    private static final String SCORE = "score:SubmitScore";
    private static final List<String> INITIAL = List.of("initial");

    private static JsonObject contribution(final int minUpdates, final double tolerance) {
        final JsonObject spec = Specs.federated(minUpdates);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        spec.getAsJsonObject("acceptance").addProperty("tolerance", tolerance);
        return spec;
    }

    private static String score(final String updateId, final double value, final Double contribution, final Double se) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("value", value);
        o.addProperty("samples", 10);
        if (contribution != null) {
            o.addProperty("contribution", contribution);
        }
        if (se != null) {
            o.addProperty("contributionSe", se);
        }
        return o.toString();
    }

    private JsonObject round(final String model, final int n) {
        return chain.ok("outsider", "query:GetRound", model, String.valueOf(n)).object().getAsJsonObject("round");
    }

    private String status(final String update) {
        return chain.ok("outsider", "query:GetUpdate", update).object().get("status").getAsString();
    }

    @Test
    void scoringWaitsForTheSetAndNothingJoinsItAfterwards() {
        final String model = flow.open(contribution(2, 2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.SCORING_NOT_STARTED, "member1", SCORE, score(a, 0.9, 0.01, 0.001));
        rejects(Rule.TOO_FEW_SUBMISSIONS, "member1", "round:StartScoring", model, "1");
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        rejects(Rule.NOT_ROUND_PARTICIPANT, "outsider", "round:StartScoring", model, "1");
        chain.ok("member1", "round:StartScoring", model, "1");
        assertEquals("scoring", round(model, 1).get("status").getAsString());
        assertEquals(List.of(a, b).stream().sorted().toList().toString().replace(" ", ""),
                round(model, 1).getAsJsonArray("scoring").toString().replace("\"", ""));
        rejects(Rule.ROUND_NOT_OPEN, "member2", "round:StartScoring", model, "1");
        rejects(Rule.SUBMISSIONS_CLOSED, "provider3", "update:SubmitUpdate", dln.chaincode.testing.Flow.updateJson(model, Specs.cid("c"), INITIAL, 1));
        rejects(Rule.CONTRIBUTION_REQUIRED, "member1", SCORE, score(a, 0.9, null, null));
        rejects(Rule.INVALID_FIELD, "member1", SCORE, score(a, 0.9, 0.01, null));
    }

    @Test
    void theDecisionIsTheMediansTStatisticAgainstTheToleranceAndTheRoundClosesWhenItsSetIsDecided() {
        final String model = flow.open(contribution(2, 2));
        final String helps = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String harms = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        chain.ok("provider1", "round:StartScoring", model, "1");
        // Standalone accuracy alone (0.2, under a 0.5 threshold) would have rejected it: what counts is what it adds.
        chain.ok("member1", SCORE, score(helps, 0.2, 0.004, 0.001));
        chain.ok("member2", SCORE, score(helps, 0.2, -0.001, 0.001));
        assertEquals("accepted", status(helps), "t = 4 and t = -1 are both within -2");
        chain.ok("member1", SCORE, score(harms, 0.95, -0.010, 0.002));
        assertEquals("open".equals(round(model, 1).get("status").getAsString()), false);
        chain.ok("member3", SCORE, score(harms, 0.95, -0.003, 0.001));
        assertEquals("rejected", status(harms), "t = -5 and t = -3 are beyond -2");
        final JsonObject closed = round(model, 1);
        assertEquals("closed", closed.get("status").getAsString());
        assertEquals("[\"" + helps + "\"]", closed.getAsJsonArray("accepted").toString());
        final JsonObject decided = chain.ok("outsider", "query:GetUpdate", helps).object();
        assertEquals(0.0015, decided.get("contribution").getAsDouble(), 1e-12, "the median contribution is recorded");
        final JsonObject rep = chain.ok("outsider", "query:GetReputation", dln.chaincode.testing.Actors.msp("provider1"),
                dln.chaincode.identity.MemberCertificate.parse(dln.chaincode.testing.Actors.pem("provider1"), chain.now(), "p").x509Id()).object();
        assertEquals(0.0015, rep.get("contribution").getAsDouble(), 1e-12, "the provider's contribution account");
        assertEquals(1, rep.get("accepted").getAsLong());
    }

    @Test
    void afterTheDeadlineScoringStartsWithWhatCameIn() {
        final String model = flow.open(contribution(3, 2));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.TOO_FEW_SUBMISSIONS, "member1", "round:StartScoring", model, "1");
        chain.advance(Duration.ofSeconds(3600));
        chain.ok("member1", "round:StartScoring", model, "1");
        assertEquals(1, round(model, 1).getAsJsonArray("scoring").size());
    }

    @Test
    void aThresholdModelHasNoScoringPhase() {
        final String model = flow.open(Specs.federated(1));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.POLICY_INCOHERENT, "member1", "round:StartScoring", model, "1");
    }

    @Test
    void weightingAndPolicyAreCheckedAtPublication() {
        final JsonObject capped = Specs.federated(2);
        final JsonObject w = new JsonObject();
        w.addProperty("policy", "capped");
        capped.add("weighting", w);
        rejects(Rule.POLICY_INCOHERENT, "publisher", "model:PublishModel", capped.toString());
        w.addProperty("cap", 600);
        w.addProperty("perOrganisation", true);
        final String model = flow.publish(capped);
        final JsonObject stored = chain.ok("outsider", "query:GetModel", model).object().getAsJsonObject("weighting");
        assertEquals("capped", stored.get("policy").getAsString());
        assertEquals(600, stored.get("cap").getAsLong());
        assertTrue(stored.get("perOrganisation").getAsBoolean());
        final JsonObject bad = Specs.federated(2);
        final JsonObject w2 = new JsonObject();
        w2.addProperty("policy", "trust-me");
        bad.add("weighting", w2);
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", bad.toString());
        final JsonObject tol = Specs.federated(2);
        tol.getAsJsonObject("acceptance").addProperty("tolerance", 2);
        rejects(Rule.POLICY_INCOHERENT, "publisher", "model:PublishModel", tol.toString());
    }
}

package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import dln.api.privacy.RdpAccountant;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model's privacy budget on the ledger: the chaincode recomputes each provider's epsilon and refuses what passes the budget. */
class PrivacyRulesTest extends LedgerTest {
    private static final String SUBMIT = "update:SubmitUpdate";
    private static final List<String> INITIAL = List.of("initial");
    private static final double Q = 0.01;
    private static final double SIGMA = 1.1;
    private static final long STEPS = 300;
    private static final double DELTA = 1e-5;

    private static JsonObject withPrivacy(final JsonObject spec, final double epsilon) {
        final JsonObject p = new JsonObject();
        p.addProperty("epsilon", epsilon);
        p.addProperty("delta", DELTA);
        p.addProperty("clip", 1.0);
        p.addProperty("noiseMultiplier", SIGMA);
        spec.add("privacy", p);
        return spec;
    }

    private static String update(final String model, final String cid, final double sigma, final double clip, final long steps,
            final double epsilon) {
        final JsonObject o = JsonParser.parseString(Flow.updateJson(model, cid, INITIAL, 0)).getAsJsonObject();
        final JsonObject p = new JsonObject();
        p.addProperty("noiseMultiplier", sigma);
        p.addProperty("clip", clip);
        p.addProperty("samplingRate", Q);
        p.addProperty("steps", steps);
        p.addProperty("epsilon", epsilon);
        o.add("privacy", p);
        return o.toString();
    }

    /** The provider's epsilon after {@code runs} runs of STEPS steps, computed as a client would. */
    private static double epsilonAfter(final int runs) {
        return RdpAccountant.DLN.epsilon(Q, SIGMA, STEPS * runs, DELTA);
    }

    @Test
    void eachUpdateRecordsItsRunAndTheSpendingSoFarUntilTheBudgetIsReached() {
        final double budget = (epsilonAfter(2) + epsilonAfter(3)) / 2;
        final String model = flow.open(withPrivacy(Specs.gossip(2), budget));
        final ModelView view = new Gson().fromJson(chain.ok("outsider", "query:GetModel", model).object(), ModelView.class);
        assertTrue(view.requiresPrivacy());
        assertEquals(budget, view.privacy().epsilon());

        final Result first = chain.ok("provider1", SUBMIT, update(model, Specs.cid("p1"), SIGMA, 1.0, STEPS, epsilonAfter(1)));
        final UpdateView u1 = new Gson().fromJson(first.object(), UpdateView.class);
        // The client records read the privacy fields whole (as RecordShapesTest checks for the others).
        assertEquals(first.object(), new Gson().toJsonTree(u1));
        final JsonObject modelJson = chain.ok("outsider", "query:GetModel", model).object();
        assertEquals(modelJson.getAsJsonObject("privacy"), new Gson().toJsonTree(view.privacy()));
        assertEquals(new UpdateView.Privacy(SIGMA, 1.0, Q, STEPS, epsilonAfter(1)), u1.privacy());
        final UpdateView u2 = new Gson().fromJson(chain.ok("provider1", SUBMIT,
                update(model, Specs.cid("p2"), SIGMA, 1.0, STEPS, epsilonAfter(2))).object(), UpdateView.class);
        assertEquals(epsilonAfter(2), u2.privacy().epsilon());
        // A third run would pass the budget: refused by name, nothing written.
        final Result over = rejects(Rule.PRIVACY_BUDGET_EXCEEDED, "provider1", SUBMIT,
                update(model, Specs.cid("p3"), SIGMA, 1.0, STEPS, epsilonAfter(3)));
        assertTrue(over.message().contains("over its budget"), over.message());
        // Another provider's budget is its own.
        chain.ok("provider2", SUBMIT, update(model, Specs.cid("q1"), SIGMA, 1.0, STEPS, epsilonAfter(1)));
        // A smaller run still fits.
        chain.ok("provider1", SUBMIT, update(model, Specs.cid("p4"), SIGMA, 1.0, 10, RdpAccountant.DLN.epsilon(
                RdpAccountant.DLN.compose(RdpAccountant.DLN.curve(Q, SIGMA, 2 * STEPS), RdpAccountant.DLN.curve(Q, SIGMA, 10)), DELTA).epsilon()));
    }

    @Test
    void aDpModelRefusesAnUpdateWithoutItsRecordOrWithAWeakerOne() {
        final String model = flow.open(withPrivacy(Specs.gossip(2), 8));
        rejects(Rule.PRIVACY_RECORD_REQUIRED, "provider1", SUBMIT, Flow.updateJson(model, Specs.cid("a"), INITIAL, 0));
        rejects(Rule.PRIVACY_BELOW_POLICY, "provider1", SUBMIT, update(model, Specs.cid("a"), 0.5, 1.0, STEPS, 1));
        rejects(Rule.PRIVACY_BELOW_POLICY, "provider1", SUBMIT, update(model, Specs.cid("a"), SIGMA, 2.0, STEPS, 1));
        final JsonObject missing = JsonParser.parseString(update(model, Specs.cid("a"), SIGMA, 1.0, STEPS, 1)).getAsJsonObject();
        missing.getAsJsonObject("privacy").remove("steps");
        rejects(Rule.MISSING_FIELD, "provider1", SUBMIT, missing.toString());
        // The chaincode does its own arithmetic: an understated epsilon is refused with the right value.
        final Result wrong = rejects(Rule.PRIVACY_SPEND_MISMATCH, "provider1", SUBMIT,
                update(model, Specs.cid("a"), SIGMA, 1.0, STEPS, epsilonAfter(1) / 2));
        assertTrue(wrong.message().contains(Double.toString(epsilonAfter(1))), wrong.message());
        // More noise than the policy asks is fine.
        chain.ok("provider1", SUBMIT, update(model, Specs.cid("a"), 2 * SIGMA, 1.0, STEPS, RdpAccountant.DLN.epsilon(Q, 2 * SIGMA, STEPS, DELTA)));
    }

    @Test
    void aModelWithoutPolicyRefusesAPrivacyRecordAndPoliciesAreBounded() {
        final String plain = flow.open(Specs.gossip(2));
        rejects(Rule.INVALID_FIELD, "provider1", SUBMIT, update(plain, Specs.cid("a"), SIGMA, 1.0, STEPS, 1));
        final String ok = chain.ok("provider1", SUBMIT, Flow.updateJson(plain, Specs.cid("b"), INITIAL, 0)).payload();
        assertFalse(ok.contains("privacy"), ok);
        final JsonObject bad = withPrivacy(Specs.gossip(2), 8);
        bad.getAsJsonObject("privacy").addProperty("delta", 0.5);
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", bad.toString());
        final JsonObject zero = withPrivacy(Specs.gossip(2), 0);
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", zero.toString());
        final JsonObject extra = withPrivacy(Specs.gossip(2), 3);
        extra.getAsJsonObject("privacy").addProperty("samplingRate", 0.1);
        rejects(Rule.UNKNOWN_FIELD, "publisher", "model:PublishModel", extra.toString());
    }
}

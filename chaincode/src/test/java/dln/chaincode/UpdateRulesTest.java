package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateRulesTest extends LedgerTest {

    private static final String SUBMIT = "update:SubmitUpdate";
    private static final List<String> INITIAL = List.of("initial");

    private String submitJson(final String model, final String cid, final List<String> parents, final int round) {
        return Flow.updateJson(model, cid, parents, round);
    }

    @Test
    void aModelThatIsNotOpenTakesNoUpdate() {
        final String id = flow.publish(Specs.federated(2));
        rejects(Rule.MODEL_NOT_OPEN, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 1));
    }

    @Test
    void federatedUpdatesNameTheCurrentRound() {
        final String id = flow.open(Specs.federated(2));
        rejects(Rule.WRONG_ROUND, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 2));
        rejects(Rule.MISSING_FIELD, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 0));
    }

    @Test
    void oneUpdatePerProviderPerRound() {
        final String id = flow.open(Specs.federated(2));
        flow.submitOk("provider1", id, Specs.cid("w1"), INITIAL, 1);
        rejects(Rule.DUPLICATE_UPDATE_IN_ROUND, "provider1", SUBMIT, submitJson(id, Specs.cid("w2"), INITIAL, 1));
    }

    @Test
    void roundOneUpdatesNameExactlyTheInitialWeights() {
        final String id = flow.open(Specs.federated(2));
        final String gossipModel = flow.open(Specs.gossip(3));
        final String other = flow.submitOk("provider1", gossipModel, Specs.cid("g1"), INITIAL, 0);
        flow.decide(other, 0.9);
        rejects(Rule.PARENT_OF_OTHER_MODEL, "provider2", SUBMIT, submitJson(id, Specs.cid("w2"), List.of("initial", other), 1));
    }

    @Test
    void laterRoundsNameExactlyThePreviousAcceptedSet() {
        final String id = flow.open(Specs.federated(2));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), INITIAL, 1);
        final String b = flow.submitOk("provider2", id, Specs.cid("b"), INITIAL, 1);
        flow.decide(a, 0.9);
        flow.decide(b, 0.9);
        // round 2 is open with parents {a, b}
        rejects(Rule.PARENTS_NOT_ROUND_SET, "provider1", SUBMIT, submitJson(id, Specs.cid("c"), List.of(a), 2));
        rejects(Rule.PARENTS_NOT_ROUND_SET, "provider1", SUBMIT, submitJson(id, Specs.cid("c"), INITIAL, 2));
        flow.submitOk("provider1", id, Specs.cid("c"), List.of(b, a), 2);
    }

    @Test
    void parentsMustExist() {
        final String id = flow.open(Specs.gossip(3));
        rejects(Rule.PARENT_NOT_FOUND, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), List.of("u-0123456789abcdef0123456789abcdef"), 0));
    }

    @Test
    void parentsMustBeAccepted() {
        final String id = flow.open(Specs.gossip(3));
        final String pending = flow.submitOk("provider1", id, Specs.cid("w1"), INITIAL, 0);
        rejects(Rule.PARENT_NOT_ACCEPTED, "provider2", SUBMIT, submitJson(id, Specs.cid("w2"), List.of(pending), 0));
        final String rejected = flow.submitOk("provider2", id, Specs.cid("w3"), INITIAL, 0);
        flow.decide(rejected, 0.1);
        rejects(Rule.PARENT_NOT_ACCEPTED, "provider3", SUBMIT, submitJson(id, Specs.cid("w4"), List.of(rejected), 0));
    }

    @Test
    void parentsAreNamedOnce() {
        final String id = flow.open(Specs.gossip(3));
        rejects(Rule.DUPLICATE_PARENT, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), List.of("initial", "initial"), 0));
    }

    @Test
    void gossipAllowsOneToKParents() {
        final String id = flow.open(Specs.gossip(2));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), INITIAL, 0);
        final String b = flow.submitOk("provider2", id, Specs.cid("b"), INITIAL, 0);
        flow.decide(a, 0.9);
        flow.decide(b, 0.9);
        rejects(Rule.TOO_MANY_PARENTS, "provider3", SUBMIT, submitJson(id, Specs.cid("c"), List.of(a, b, "initial"), 0));
        rejects(Rule.INVALID_FIELD, "provider3", SUBMIT, submitJson(id, Specs.cid("c"), List.of(), 0));
        rejects(Rule.INVALID_FIELD, "provider3", SUBMIT, submitJson(id, Specs.cid("c"), List.of(a), 1));
        flow.submitOk("provider3", id, Specs.cid("c"), List.of(a, b), 0);
    }

    @Test
    void copiedWeightsAreRejected() {
        final String id = flow.open(Specs.gossip(3));
        flow.submitOk("provider1", id, Specs.cid("w1"), INITIAL, 0);
        rejects(Rule.WEIGHTS_ALREADY_RECORDED, "provider2", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 0));
        rejects(Rule.WEIGHTS_ALREADY_RECORDED, "provider2", SUBMIT, submitJson(id, Specs.cid("initial-weights"), INITIAL, 0));
    }

    @Test
    void reSpellingACidDoesNotDodgeTheCopyRule() {
        final String id = flow.open(Specs.gossip(3));
        flow.submitOk("provider1", id, "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", INITIAL, 0);
        rejects(Rule.WEIGHTS_ALREADY_RECORDED, "provider2", SUBMIT,
                submitJson(id, "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", INITIAL, 0));
    }

    @Test
    void aReplayedSubmissionChangesNothing() {
        final String id = flow.open(Specs.federated(3));
        final String json = submitJson(id, Specs.cid("w1"), INITIAL, 1);
        chain.ok("provider1", SUBMIT, json);
        rejects(Rule.DUPLICATE_UPDATE_IN_ROUND, "provider1", SUBMIT, json);
    }

    @Test
    void cidsAreValidated() {
        final String id = flow.open(Specs.gossip(3));
        rejects(Rule.INVALID_CID, "provider1", SUBMIT, submitJson(id, "QmNotReallyACid", INITIAL, 0));
        rejects(Rule.INVALID_CID, "provider1", SUBMIT, submitJson(id, Specs.cid("x").toUpperCase(), INITIAL, 0));
    }

    @Test
    void aMemberWhoseUpdateCouldNotReachTheQuorumCannotSubmit() {
        final JsonObject spec = Specs.gossip(3);
        spec.getAsJsonObject("acceptance").addProperty("quorum", 3);
        final String id = flow.open(spec);
        rejects(Rule.QUORUM_UNREACHABLE, "member1", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 0));
    }

    @Test
    void noUpdateAfterTheRoundDeadline() {
        final String id = flow.open(Specs.federated(2));
        chain.advance(Duration.ofSeconds(3601));
        rejects(Rule.ROUND_DEADLINE_PASSED, "provider1", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 1));
    }

    @Test
    void unknownAndMalformedFieldsAreRejected() {
        final String id = flow.open(Specs.gossip(3));
        final JsonObject o = com.google.gson.JsonParser.parseString(submitJson(id, Specs.cid("w1"), INITIAL, 0)).getAsJsonObject();
        o.addProperty("submitter", "someone else");
        rejects(Rule.UNKNOWN_FIELD, "provider1", SUBMIT, o.toString());
        o.remove("submitter");
        o.addProperty("samples", -5);
        rejects(Rule.INVALID_FIELD, "provider1", SUBMIT, o.toString());
        o.addProperty("samples", 1.5);
        rejects(Rule.INVALID_FIELD, "provider1", SUBMIT, o.toString());
    }

    @Test
    void submissionRecordsThePendingUpdateAndItsEvent() {
        final String id = flow.open(Specs.federated(2));
        final Result r = chain.ok("provider2", SUBMIT, submitJson(id, Specs.cid("w1"), INITIAL, 1));
        final JsonObject u = r.object();
        assertEquals("pending", u.get("status").getAsString());
        assertEquals("Org2MSP", u.getAsJsonObject("submitter").get("mspId").getAsString());
        assertEquals(1, u.get("round").getAsInt());
        assertEquals("UpdateSubmitted", r.eventName());
        final JsonObject change = r.event().getAsJsonArray("changes").get(0).getAsJsonObject();
        assertEquals(u.get("id").getAsString(), change.get("updateId").getAsString());
        assertEquals(id, change.get("modelId").getAsString());
    }

    @Test
    void declaredIpfsTimesAreRecordedWithTheUpdateAndBounded() {
        final String id = flow.open(Specs.gossip(3));
        final JsonObject o = com.google.gson.JsonParser.parseString(submitJson(id, Specs.cid("w1"), INITIAL, 0)).getAsJsonObject();
        final JsonObject t = new JsonObject();
        t.addProperty("fetchMillis", 120);
        t.addProperty("uploadMillis", -1);
        o.add("transfers", t);
        rejects(Rule.INVALID_FIELD, "provider1", SUBMIT, o.toString());
        t.addProperty("uploadMillis", 340);
        t.addProperty("ledgerMillis", 5);
        rejects(Rule.UNKNOWN_FIELD, "provider1", SUBMIT, o.toString());
        t.remove("ledgerMillis");
        final JsonObject u = chain.ok("provider1", SUBMIT, o.toString()).object();
        assertEquals(120, u.getAsJsonObject("transfers").get("fetchMillis").getAsLong());
        assertEquals(340, u.getAsJsonObject("transfers").get("uploadMillis").getAsLong());
        final JsonObject without = chain.ok("provider2", SUBMIT, submitJson(id, Specs.cid("w2"), INITIAL, 0)).object();
        assertEquals(false, without.has("transfers"), "an update that declared none records none");
    }
}

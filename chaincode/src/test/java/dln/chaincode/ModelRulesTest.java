package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.chaincode.cid.Sha256Hex;
import dln.chaincode.json.CanonicalJson;
import dln.api.Rule;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import org.junit.jupiter.api.Test;

class ModelRulesTest extends LedgerTest {

    private static final String PUBLISH = "model:PublishModel";

    @Test
    void publishRecordsAProposedModelWithIdentitiesAndKeysFromTheCertificates() {
        final Result r = chain.ok("publisher", PUBLISH, Specs.federated(2).toString());
        final JsonObject m = r.object();
        assertEquals("proposed", m.get("status").getAsString());
        assertTrue(m.get("id").getAsString().matches("m-[0-9a-f]{32}"));
        assertEquals("Org1MSP", m.getAsJsonObject("publisher").get("mspId").getAsString());
        assertTrue(m.getAsJsonObject("publisher").get("x509Id").getAsString().startsWith("x509::"));
        final JsonObject member2 = m.getAsJsonArray("committee").get(1).getAsJsonObject();
        assertEquals("Org2MSP", member2.getAsJsonObject("identity").get("mspId").getAsString());
        assertTrue(member2.getAsJsonObject("identity").get("x509Id").getAsString().contains("CN=member2@org2.example.com"));
        assertTrue(member2.get("publicKeyPem").getAsString().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(Sha256Hex.of(CanonicalJson.write(Specs.federated(2).getAsJsonObject("architecture"))),
                m.get("architectureHash").getAsString());
        assertEquals("ModelPublished", r.eventName());
        assertEquals(3, r.event().getAsJsonArray("changes").get(0).getAsJsonObject().getAsJsonArray("committee").size());
        // the identity derived from the PEM is the one the member's own signature presents
        assertEquals("ModelVoteRecorded", chain.ok("member2", "model:ApproveModel", m.get("id").getAsString()).eventName());
    }

    @Test
    void approvalQuorumOpensAFederatedModelAndItsFirstRound() {
        final String id = flow.publish(Specs.federated(2));
        chain.ok("member3", "model:ApproveModel", id);
        final Result opened = chain.ok("member1", "model:ApproveModel", id);
        assertEquals("ModelOpened", opened.eventName());
        assertEquals("open", opened.object().get("status").getAsString());
        assertEquals(1, opened.object().get("currentRound").getAsInt());
        final JsonObject round = chain.ok("member1", "query:GetRound", id, "1").object().getAsJsonObject("round");
        assertEquals("[\"initial\"]", round.getAsJsonArray("parents").toString());
        assertEquals("open", round.get("status").getAsString());
        assertEquals(1, chain.ok("outsider", "query:ListModels", "open", "10", "").object().get("count").getAsInt());
        assertEquals(0, chain.ok("outsider", "query:ListModels", "proposed", "10", "").object().get("count").getAsInt());
    }

    @Test
    void tooManyDeclinesDeclineTheModel() {
        final String id = flow.publish(Specs.federated(2));
        chain.ok("member1", "model:DeclineModel", id, "fragment hash does not match");
        final Result declined = chain.ok("member2", "model:DeclineModel", id, "architecture too large");
        assertEquals("ModelDeclined", declined.eventName());
        assertEquals("declined", declined.object().get("status").getAsString());
        rejects(Rule.MODEL_NOT_PROPOSED, "member3", "model:ApproveModel", id);
    }

    @Test
    void publisherInCommittee() {
        final JsonObject spec = Specs.base("gossip", "accuracy", 1, 0.5, "member1", "publisher");
        spec.add("gossip", Specs.gossip(2).get("gossip"));
        rejects(Rule.PUBLISHER_IN_COMMITTEE, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void duplicateCommitteeMember() {
        final JsonObject spec = Specs.federated(2);
        spec.getAsJsonArray("committee").add(Specs.member("member2"));
        rejects(Rule.DUPLICATE_COMMITTEE_MEMBER, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void quorumLargerThanCommitteeIsIncoherent() {
        final JsonObject spec = Specs.federated(2);
        spec.getAsJsonObject("acceptance").addProperty("quorum", 4);
        rejects(Rule.POLICY_INCOHERENT, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void federatedWithoutRoundSettingsIsIncoherent() {
        final JsonObject spec = Specs.federated(2);
        spec.remove("rounds");
        rejects(Rule.POLICY_INCOHERENT, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void architectureHashMustMatch() {
        final JsonObject spec = Specs.federated(2);
        spec.addProperty("architectureHash", Sha256Hex.of("something else"));
        rejects(Rule.ARCHITECTURE_HASH_MISMATCH, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void committeeCertificateMustBeAnEcCertificate() {
        final JsonObject spec = Specs.federated(2);
        spec.getAsJsonArray("committee").get(0).getAsJsonObject().addProperty("certificatePem", Actors.pem("rsa"));
        rejects(Rule.INVALID_CERTIFICATE, "publisher", PUBLISH, spec.toString());
        spec.getAsJsonArray("committee").get(0).getAsJsonObject().addProperty("certificatePem",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        rejects(Rule.INVALID_CERTIFICATE, "publisher", PUBLISH, spec.toString());
    }

    @Test
    void cidsAndHashesAreValidated() {
        final JsonObject spec = Specs.federated(2);
        spec.addProperty("initialWeightsCid", "bafy-not-a-cid");
        rejects(Rule.INVALID_CID, "publisher", PUBLISH, spec.toString());
        final JsonObject spec2 = Specs.federated(2);
        spec2.getAsJsonArray("committee").get(0).getAsJsonObject().getAsJsonObject("fragment").addProperty("sha256", "ABC");
        rejects(Rule.INVALID_HASH, "publisher", PUBLISH, spec2.toString());
    }

    @Test
    void unknownFieldsAreRejectedAtEveryLevel() {
        final JsonObject spec = Specs.federated(2);
        spec.addProperty("colour", "blue");
        rejects(Rule.UNKNOWN_FIELD, "publisher", PUBLISH, spec.toString());
        final JsonObject spec2 = Specs.federated(2);
        spec2.getAsJsonObject("acceptance").addProperty("treshold", 0.5);
        rejects(Rule.UNKNOWN_FIELD, "publisher", PUBLISH, spec2.toString());
    }

    @Test
    void malformedJsonAndDuplicateKeysAreRejected() {
        rejects(Rule.INVALID_JSON, "publisher", PUBLISH, "{\"name\":");
        rejects(Rule.INVALID_JSON, "publisher", PUBLISH, "{\"name\":\"a\",\"name\":\"b\"}");
        rejects(Rule.INVALID_JSON, "publisher", PUBLISH, "[1,2]");
    }

    @Test
    void sizesAndRangesAreBounded() {
        rejects(Rule.TOO_LARGE, "publisher", PUBLISH, "{\"name\":\"" + "x".repeat(600 * 1024) + "\"}");
        final JsonObject spec = Specs.federated(2);
        spec.getAsJsonObject("acceptance").addProperty("threshold", 1.5);
        rejects(Rule.INVALID_FIELD, "publisher", PUBLISH, spec.toString());
        final JsonObject spec2 = Specs.federated(2);
        spec2.add("committee", new JsonArray());
        rejects(Rule.INVALID_FIELD, "publisher", PUBLISH, spec2.toString());
        final JsonObject spec3 = Specs.federated(2);
        spec3.remove("name");
        rejects(Rule.MISSING_FIELD, "publisher", PUBLISH, spec3.toString());
    }

    @Test
    void onlyCommitteeMembersVote() {
        final String id = flow.publish(Specs.federated(2));
        rejects(Rule.NOT_COMMITTEE_MEMBER, "outsider", "model:ApproveModel", id);
        rejects(Rule.NOT_COMMITTEE_MEMBER, "publisher", "model:ApproveModel", id);
    }

    @Test
    void aMemberVotesOnce() {
        final String id = flow.publish(Specs.federated(2));
        chain.ok("member1", "model:ApproveModel", id);
        rejects(Rule.ALREADY_VOTED, "member1", "model:ApproveModel", id);
        rejects(Rule.ALREADY_VOTED, "member1", "model:DeclineModel", id, "changed my mind");
    }

    @Test
    void aDeclineNeedsAReason() {
        final String id = flow.publish(Specs.federated(2));
        rejects(Rule.INVALID_FIELD, "member1", "model:DeclineModel", id, "");
    }

    @Test
    void votingOnAnOpenModelIsRefused() {
        final String id = flow.open(Specs.federated(2));
        rejects(Rule.MODEL_NOT_PROPOSED, "member3", "model:ApproveModel", id);
    }

    @Test
    void onlyThePublisherClosesItsModelAndOnlyOnce() {
        final String id = flow.open(Specs.federated(2));
        rejects(Rule.NOT_PUBLISHER, "member1", "model:CloseModel", id);
        final Result closed = chain.ok("publisher", "model:CloseModel", id);
        assertEquals("ModelClosed", closed.eventName());
        assertEquals("closed", closed.object().get("status").getAsString());
        rejects(Rule.MODEL_ALREADY_FINAL, "publisher", "model:CloseModel", id);
    }

    @Test
    void closingAFederatedModelExpiresItsPendingUpdatesAndClosesItsRound() {
        final String id = flow.open(Specs.federated(3));
        final String a = flow.submitOk("provider1", id, Specs.cid("a"), java.util.List.of("initial"), 1);
        final String b = flow.submitOk("provider2", id, Specs.cid("b"), java.util.List.of("initial"), 1);
        flow.decide(a, 0.9);
        final Result closed = chain.ok("publisher", "model:CloseModel", id);
        assertEquals("ModelClosed", closed.eventName());
        assertEquals("expired", chain.ok("outsider", "query:GetUpdate", b).object().get("status").getAsString());
        assertEquals("accepted", chain.ok("outsider", "query:GetUpdate", a).object().get("status").getAsString());
        final JsonObject round = chain.ok("outsider", "query:GetRound", id, "1").object().getAsJsonObject("round");
        assertEquals("closed", round.get("status").getAsString());
        assertEquals("model closed", round.get("closedBy").getAsString());
        assertEquals("[\"" + a + "\"]", round.getAsJsonArray("accepted").toString());
        assertEquals(0, chain.ok("outsider", "query:ListUpdates",
                "{\"modelId\":\"" + id + "\",\"status\":\"pending\",\"pageSize\":50}").object().getAsJsonArray("items").size());
    }

    @Test
    void closingAGossipModelExpiresItsPendingUpdates() {
        final String id = flow.open(Specs.gossip(3));
        final String u = flow.submitOk("provider1", id, Specs.cid("g"), java.util.List.of("initial"), 0);
        chain.ok("publisher", "model:CloseModel", id);
        assertEquals("expired", chain.ok("outsider", "query:GetUpdate", u).object().get("status").getAsString());
    }

    @Test
    void unknownModelsAreNotFoundAndMalformedIdsInvalid() {
        rejects(Rule.MODEL_NOT_FOUND, "member1", "model:ApproveModel", "m-0123456789abcdef0123456789abcdef");
        rejects(Rule.MODEL_NOT_FOUND, "member1", "query:GetModel", "m-0123456789abcdef0123456789abcdef");
        rejects(Rule.INVALID_ID, "member1", "query:GetModel", "../../etc");
    }
}

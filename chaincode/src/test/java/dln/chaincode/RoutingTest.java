package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Probe;
import dln.chaincode.testing.Result;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The names clients call: "contract:Tx" as the shim's router publishes them, and the probe baseline. */
class RoutingTest {

    private static final Map<String, List<String>> EXPECTED = Map.of(
            "model", List.of("ApproveModel", "CloseModel", "DeclineModel", "PublishModel"),
            "update", List.of("SubmitUpdate"),
            "score", List.of("SubmitScore", "SubmitScores"),
            "round", List.of("Abstain", "CloseRound", "DisputeAggregate", "RecordAggregate", "StartScoring"),
            "secagg", List.of("AdvanceSecureRound", "AdvertiseMaskKey", "RecordSecureAggregate", "RevealShares", "ShareSecrets",
                    "SubmitMasked"),
            "query", List.of("GetChildren", "GetDag", "GetLineage", "GetMemberWork", "GetModel", "GetProviderWork", "GetReputation", "GetRound", "GetScores",
                    "GetSecureRound", "GetUpdate", "ListBestAccepted", "ListModels", "ListRecentAccepted", "ListSubmittedBy", "ListUnscoredBy", "ListUpdates"),
            "probe", List.of("Get", "Put"));

    @Test
    void theRouterPublishesEveryContractAndTransaction() {
        final Result r = new Chain().ok("outsider", "org.hyperledger.fabric:GetMetadata");
        final JsonObject contracts = JsonParser.parseString(r.payload()).getAsJsonObject().getAsJsonObject("contracts");
        for (final Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            final TreeSet<String> names = new TreeSet<>();
            contracts.getAsJsonObject(e.getKey()).getAsJsonArray("transactions")
                    .forEach(t -> names.add(t.getAsJsonObject().get("name").getAsString()));
            assertEquals(new TreeSet<>(e.getValue()), names, e.getKey());
        }
    }

    @Test
    void theProbeStillPutsAndGetsWhereTheTestNetworkTurnsItOn() {
        final Chain chain = new Chain();
        try (Probe probe = Probe.on()) {
            chain.ok("provider1", "probe:Put", "k1", "v1");
            assertEquals("v1", chain.ok("provider2", "probe:Get", "k1").payload());
            assertEquals("PROBE_KEY_NOT_FOUND", chain.call("provider2", "probe:Get", "nope").error());
            // the probe is the default contract: a bare "Put" routes to it
            chain.ok("provider1", "Put", "k2", "v2");
            assertTrue(chain.snapshot().containsKey("probe~k2"));
        }
    }

    @Test
    void theProbeIsOffOtherwise() {
        final Chain chain = new Chain();
        final Result put = chain.call("provider1", "probe:Put", "k1", "v1");
        assertEquals("PROBE_DISABLED", put.error());
        assertEquals(0, put.pendingWrites());
        assertEquals("PROBE_DISABLED", chain.call("provider1", "Put", "k1", "v1").error());
        assertEquals("PROBE_DISABLED", chain.call("provider2", "probe:Get", "k1").error());
        assertEquals(0, chain.size());
    }
}

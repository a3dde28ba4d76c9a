package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dln.chaincode.json.CanonicalJson;
import dln.chaincode.keys.Ids;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every peer must endorse the same write set: ids, order and bytes depend only on the transaction. */
class DeterminismTest {

    /** A session whose updates are decided in the given order. */
    private static Chain session(final boolean reverseDecisions) {
        final Chain chain = new Chain();
        final Flow flow = new Flow(chain);
        final String model = flow.open(Specs.federated(3));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), List.of("initial"), 1);
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), List.of("initial"), 1);
        final String c = flow.submitOk("provider3", model, Specs.cid("c"), List.of("initial"), 1);
        final List<String> order = reverseDecisions ? List.of(c, b, a) : List.of(a, b, c);
        for (final String u : order) {
            flow.decide(u, 0.9);
        }
        return chain;
    }

    @Test
    void theSameTransactionsGiveTheSameWorldStateByteForByte() {
        final Map<String, String> first = session(false).snapshot();
        final Map<String, String> second = session(false).snapshot();
        assertEquals(first, second);
    }

    @Test
    void theAcceptedSetIsInIdOrderWhateverTheDecisionOrder() {
        final String forward = round1Accepted(session(false));
        final String backward = round1Accepted(session(true));
        final List<String> ids = JsonParser.parseString(forward).getAsJsonArray().asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
        assertEquals(forward, backward, "the same accepted set, byte for byte, whatever the decision order");
    }

    private static String round1Accepted(final Chain chain) {
        final String model = chain.ok("outsider", "query:ListModels", "", "1", "").object().getAsJsonArray("items").get(0)
                .getAsJsonObject().get("id").getAsString();
        return chain.ok("outsider", "query:GetRound", model, "1").object().getAsJsonObject("round").getAsJsonArray("accepted").toString();
    }

    @Test
    void idsAreDerivedFromTheTransactionId() {
        final Chain chain = new Chain();
        final Flow flow = new Flow(chain);
        final Result published = chain.ok("publisher", "model:PublishModel", Specs.gossip(2).toString());
        final String model = published.object().get("id").getAsString();
        assertEquals(Ids.model(published.event().get("txId").getAsString()), model);
        chain.ok("member1", "model:ApproveModel", model);
        chain.ok("member2", "model:ApproveModel", model);
        final Result submitted = flow.submit("provider1", model, Specs.cid("x"), List.of("initial"), 0);
        assertEquals(Ids.update(submitted.event().get("txId").getAsString()), submitted.object().get("id").getAsString());
    }

    @Test
    void everyStoredRecordIsCanonicalJson() {
        for (final String value : session(false).snapshot().values()) {
            if (value.startsWith("{")) {
                assertEquals(CanonicalJson.write(JsonParser.parseString(value)), value);
            }
        }
    }
}

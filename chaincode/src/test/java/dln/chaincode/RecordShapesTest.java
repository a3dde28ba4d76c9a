package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The records the chaincode returns and the shapes the clients read them into (dln.api.view)
 * are the same JSON: every field the chaincode writes survives a trip through the client's
 * record, and the client's record names no field the chaincode does not write.
 */
class RecordShapesTest extends LedgerTest {

    private static final Gson GSON = new Gson();

    @Test
    void modelUpdateScoreAndRoundRoundTripThroughTheClientRecords() {
        final String model = flow.open(Specs.federated(2));
        final String u = flow.submitOk("provider1", model, Specs.cid("shape-a"), List.of("initial"), 1);
        flow.scoreOk("member1", u, 0.9);

        same(chain.ok("outsider", "query:GetModel", model).object(), ModelView.class);
        same(chain.ok("outsider", "query:GetUpdate", u).object(), UpdateView.class);
        final JsonElement scores = chain.ok("outsider", "query:GetScores", u).json();
        same((scores.isJsonArray() ? scores.getAsJsonArray() : scores.getAsJsonObject().getAsJsonArray("items")).get(0).getAsJsonObject(),
                ScoreView.class);
        same(chain.ok("outsider", "query:GetRound", model, "1").object().getAsJsonObject("round"), RoundView.class);

        final String v = flow.submitOk("provider2", model, Specs.cid("shape-b"), List.of("initial"), 1);
        chain.ok("member1", "score:SubmitScore", "{\"updateId\":\"" + v + "\",\"unavailable\":true,\"reason\":\"not found\"}");
        final JsonElement unavailable = chain.ok("outsider", "query:GetScores", v).json();
        same((unavailable.isJsonArray() ? unavailable.getAsJsonArray() : unavailable.getAsJsonObject().getAsJsonArray("items")).get(0)
                .getAsJsonObject(), ScoreView.class);
    }

    private static void same(final JsonObject ledger, final Class<?> view) {
        final JsonObject back = GSON.toJsonTree(GSON.fromJson(ledger, view)).getAsJsonObject();
        assertEquals(keys(ledger), keys(back), view.getSimpleName() + " reads every field of the ledger's record and invents none");
        assertEquals(ledger, back, view.getSimpleName() + " keeps every value");
    }

    /** Field paths of non-null values, nested objects included. */
    private static Set<String> keys(final JsonObject o) {
        final Set<String> out = new TreeSet<>();
        collect("", o, out);
        return out;
    }

    private static void collect(final String prefix, final JsonElement e, final Set<String> out) {
        if (e.isJsonObject()) {
            for (String k : e.getAsJsonObject().keySet()) {
                final JsonElement v = e.getAsJsonObject().get(k);
                if (!v.isJsonNull()) {
                    out.add(prefix + k);
                    collect(prefix + k + ".", v, out);
                }
            }
        } else if (e.isJsonArray() && !e.getAsJsonArray().isEmpty()) {
            collect(prefix + "[].", e.getAsJsonArray().get(0), out);
        }
    }
}

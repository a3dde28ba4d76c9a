package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonPrimitive;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRulesTest extends LedgerTest {

    @Test
    void aBookmarkOnlyContinuesItsOwnQuery() {
        final String model = flow.open(Specs.gossip(3));
        for (int i = 0; i < 3; i++) {
            flow.submitOk("provider" + (i + 1), model, Specs.cid("w" + i), List.of("initial"), 0);
        }
        final String bookmark = chain.ok("outsider", "query:GetDag", model, "1", "").object().get("bookmark").getAsString();
        assertEquals(1, chain.ok("outsider", "query:GetDag", model, "1", bookmark).object().get("count").getAsInt());
        rejects(Rule.INVALID_BOOKMARK, "outsider", "query:GetChildren", model, "initial", "1", bookmark);
        rejects(Rule.INVALID_BOOKMARK, "outsider", "query:ListUpdates",
                "{\"modelId\":\"" + model + "\",\"status\":\"pending\",\"pageSize\":1,\"bookmark\":" + new JsonPrimitive(bookmark) + "}");
    }

    @Test
    void pageSizesAndDepthsAreBounded() {
        final String model = flow.open(Specs.gossip(3));
        final String u = flow.submitOk("provider1", model, Specs.cid("w"), List.of("initial"), 0);
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetDag", model, "0", "");
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetDag", model, "201", "");
        rejects(Rule.INVALID_FIELD, "outsider", "query:ListModels", "", "ten", "");
        rejects(Rule.INVALID_FIELD, "outsider", "query:ListModels", "archived", "10", "");
        rejects(Rule.INVALID_FIELD, "outsider", "query:GetLineage", u, "65");
        rejects(Rule.INVALID_FIELD, "outsider", "query:ListUpdates", "{\"modelId\":\"" + model + "\",\"status\":\"lost\",\"pageSize\":5}");
        rejects(Rule.UNKNOWN_FIELD, "outsider", "query:ListUpdates", "{\"modelId\":\"" + model + "\",\"sort\":\"desc\",\"pageSize\":5}");
    }

    @Test
    void unknownRecordsAreNotFound() {
        final String model = flow.open(Specs.federated(2));
        rejects(Rule.UPDATE_NOT_FOUND, "outsider", "query:GetUpdate", "u-0123456789abcdef0123456789abcdef");
        rejects(Rule.UPDATE_NOT_FOUND, "outsider", "query:GetLineage", "u-0123456789abcdef0123456789abcdef", "3");
        rejects(Rule.UPDATE_NOT_FOUND, "outsider", "query:GetChildren", model, "u-0123456789abcdef0123456789abcdef", "5", "");
        rejects(Rule.ROUND_NOT_FOUND, "outsider", "query:GetRound", model, "2");
        rejects(Rule.MODEL_NOT_FOUND, "outsider", "query:GetDag", "m-0123456789abcdef0123456789abcdef", "5", "");
    }
}

package dln.chaincode.score;

import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.keys.Ids;

/**
 * A parsed SubmitScore argument {"updateId","value","samples","reason"?}; the value's range depends
 * on the model's metric; the optional reason says why a member gave the lowest score (a failed
 * sanity check), so the ledger keeps the why next to the what.
 */
public record ScoreRequest(String updateId, double value, long samples, String reason) {

    public static final int MAX_REASON = 512;

    public static ScoreRequest parse(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "score", 2048), "score", "updateId", "value", "samples", "reason");
        return new ScoreRequest(Ids.checkUpdate(f.text("updateId", 1, 64)), f.number("value", -Double.MAX_VALUE, Double.MAX_VALUE),
                f.integer("samples", 1, 1_000_000_000L), f.has("reason") ? f.text("reason", 1, MAX_REASON) : null);
    }
}

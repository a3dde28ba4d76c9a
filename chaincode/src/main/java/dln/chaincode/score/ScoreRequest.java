package dln.chaincode.score;

import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.keys.Ids;

/** A parsed SubmitScore argument {"updateId","value","samples"}; the value's range depends on the model's metric. */
public record ScoreRequest(String updateId, double value, long samples) {

    public static ScoreRequest parse(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "score", 1024), "score", "updateId", "value", "samples");
        return new ScoreRequest(Ids.checkUpdate(f.text("updateId", 1, 64)), f.number("value", -Double.MAX_VALUE, Double.MAX_VALUE),
                f.integer("samples", 1, 1_000_000_000L));
    }
}

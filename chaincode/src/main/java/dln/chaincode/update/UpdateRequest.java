package dln.chaincode.update;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.keys.Ids;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A parsed SubmitUpdate argument; {@code round} is 0 when absent (gossip). Parents come back sorted. */
public record UpdateRequest(String modelId, String weightsCid, List<String> parents, int round, long samples, long trainingMillis) {

    public static final int MAX_PARENTS = 1000;
    public static final int MAX_CHARS = 64 * 1024;

    public UpdateRequest {
        parents = List.copyOf(parents);
    }

    public static UpdateRequest parse(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "update", MAX_CHARS), "update",
                "modelId", "weightsCid", "parents", "round", "samples", "trainingMillis");
        final String modelId = Ids.checkModel(f.text("modelId", 1, 64));
        final String cid = f.text("weightsCid", 1, 128);
        final JsonArray raw = f.array("parents", 1, MAX_PARENTS);
        final TreeSet<String> sorted = new TreeSet<>();
        for (final JsonElement e : raw) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw Violation.of(Rule.INVALID_FIELD, "update.parents must be a list of update ids or \"initial\"");
            }
            final String p = e.getAsString();
            if (!Ids.INITIAL.equals(p)) {
                Ids.checkUpdate(p);
            }
            if (!sorted.add(p)) {
                throw Violation.of(Rule.DUPLICATE_PARENT, "update.parents names '" + p + "' twice; name each parent once");
            }
        }
        final int round = f.has("round") ? (int) f.integer("round", 1, 999_999) : 0;
        final long samples = f.integer("samples", 1, 1_000_000_000L);
        final long millis = f.integer("trainingMillis", 0, 30L * 24 * 3600 * 1000);
        return new UpdateRequest(modelId, cid, new ArrayList<>(sorted), round, samples, millis);
    }
}

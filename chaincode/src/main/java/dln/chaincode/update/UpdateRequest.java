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

/**
 * A parsed SubmitUpdate argument; {@code round} is 0 when absent (gossip). Parents come back sorted.
 * {@code privacy} is null when absent; its {@code epsilon} is the provider's claim, checked later.
 * {@code recipeHash} (required) names the training recipe the weights were trained with.
 * {@code transfers} is null when the provider did not declare its IPFS times.
 * {@code startScoring} (federated, contribution policy; false when absent) asks that the round's
 * set be fixed in this transaction when this update brings it to {@code minUpdates}.
 */
public record UpdateRequest(String modelId, String weightsCid, List<String> parents, int round, long samples, long trainingMillis,
                            PrivacyRecord privacy, String recipeHash, TransferTimes transfers, boolean startScoring) {

    public static final int MAX_PARENTS = 1000;
    public static final int MAX_CHARS = 64 * 1024;
    /** A declared duration's bound: 30 days. */
    public static final long MAX_MILLIS = 30L * 24 * 3600 * 1000;

    public UpdateRequest {
        parents = List.copyOf(parents);
    }

    public static UpdateRequest parse(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "update", MAX_CHARS), "update",
                "modelId", "weightsCid", "parents", "round", "samples", "trainingMillis", "privacy", "recipeHash", "transfers",
                "startScoring");
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
        final long millis = f.integer("trainingMillis", 0, MAX_MILLIS);
        final PrivacyRecord privacy = f.has("privacy")
                ? privacy(f.fields("privacy", "noiseMultiplier", "clip", "samplingRate", "steps", "epsilon"))
                : null;
        final String recipeHash = dln.chaincode.cid.Sha256Hex.check(f.text("recipeHash", 1, 128), "update.recipeHash");
        final TransferTimes transfers = f.has("transfers") ? transfers(f.fields("transfers", "fetchMillis", "uploadMillis")) : null;
        final boolean startScoring = f.has("startScoring") && f.flag("startScoring");
        return new UpdateRequest(modelId, cid, new ArrayList<>(sorted), round, samples, millis, privacy, recipeHash, transfers, startScoring);
    }

    private static TransferTimes transfers(final Fields t) {
        return new TransferTimes(t.integer("fetchMillis", 0, MAX_MILLIS), t.integer("uploadMillis", 0, MAX_MILLIS));
    }

    /** A declared DP-SGD run ({@code update.privacy}, {@code masked.privacy}); its epsilon is checked later. */
    public static PrivacyRecord privacy(final Fields p) {
        return new PrivacyRecord(p.number("noiseMultiplier", 0, 1e3), p.number("clip", 0, 1e6), p.number("samplingRate", 0, 1),
                p.integer("steps", 1, dln.api.privacy.DpSgdRun.MAX_STEPS), p.number("epsilon", 0, 1e6));
    }
}

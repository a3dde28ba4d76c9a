package dln.chaincode.secagg;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dln.api.Rule;
import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.rule.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the secagg transactions' JSON arguments, before anything is read. */
final class SecureRequests {
    static final Pattern MASK_KEY = Pattern.compile("04[0-9a-f]{128}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{1,8192}={0,2}");
    /** A revealed share; empty names the sender's share as invalid. */
    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2}){0,512}");
    /** Two SHA-256 digests: of the mask-key share and of the self-seed share an envelope seals. */
    private static final Pattern COMMITMENT = Pattern.compile("[0-9a-f]{128}");
    /** 255 providers of at most 8 KiB envelopes: within the 2 MiB argument bound. */
    static final int MAX_CHARS = 1 << 21;
    static final int MAX_PARTIES = 255;

    record Shares(List<String> envelopes, List<String> commitments) {}

    record Masked(String cid, long samples, long trainingMillis, String recipeHash, dln.chaincode.update.PrivacyRecord privacy) {}

    private SecureRequests() {
    }

    static String maskKey(final String text) {
        if (!MASK_KEY.matcher(text).matches()) {
            throw Violation.of(Rule.INVALID_FIELD, "maskKey must be an uncompressed P-256 point: 04 and 128 lower-case hex digits");
        }
        return MaskKeyCheck.onCurve(text);
    }

    /** {"shares": ["base64", ...], "commitments": ["hex", ...]}: one envelope and its commitment per provider of the key set. */
    static Shares envelopes(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "shares", MAX_CHARS), "shares", "shares", "commitments");
        final List<String> envelopes = strings(f, "shares", "shares", BASE64, "base64 share envelopes");
        final List<String> commitments = strings(f, "shares", "commitments", COMMITMENT, "SHA-256 pairs in lower-case hex (128 digits)");
        if (commitments.size() != envelopes.size()) {
            throw Violation.of(Rule.SECAGG_SHARE_COUNT, "post one commitment per envelope: " + envelopes.size() + " envelopes, "
                    + commitments.size() + " commitments");
        }
        return new Shares(envelopes, commitments);
    }

    /** {"shares": ["hex", ...]}: one revealed share per provider that shared (empty: its share was invalid). */
    static List<String> revealed(final String json) {
        return strings(Fields.of(StrictJson.object(json, "reveal", MAX_CHARS), "reveal", "shares"), "reveal", "shares", HEX,
                "shares in lower-case hex");
    }

    static Masked masked(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "masked", 4096), "masked", "maskedCid", "samples", "trainingMillis", "recipeHash",
                "privacy");
        final String cid = f.text("maskedCid", 1, 128);
        dln.chaincode.cid.Cid.normalize(cid, "masked.maskedCid");
        return new Masked(cid, f.integer("samples", 1, 1_000_000_000L), f.integer("trainingMillis", 0, 30L * 24 * 3600 * 1000),
                dln.chaincode.cid.Sha256Hex.check(f.text("recipeHash", 1, 128), "masked.recipeHash"),
                f.has("privacy") ? dln.chaincode.update.UpdateRequest.privacy(f.fields("privacy", "noiseMultiplier", "clip", "samplingRate",
                        "steps", "epsilon")) : null);
    }

    /** {"weightsCid": CID}: the aggregate's weights. */
    static String aggregate(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "aggregate", 4096), "aggregate", "weightsCid");
        final String cid = f.text("weightsCid", 1, 128);
        dln.chaincode.cid.Cid.normalize(cid, "aggregate.weightsCid");
        return cid;
    }

    private static List<String> strings(final Fields f, final String where, final String field, final Pattern shape, final String what) {
        final JsonArray a = f.array(field, 1, MAX_PARTIES);
        final List<String> out = new ArrayList<>(a.size());
        for (final JsonElement e : a) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || !shape.matcher(e.getAsString()).matches()) {
                throw Violation.of(Rule.INVALID_FIELD, where + "." + field + " must be a list of " + what);
            }
            out.add(e.getAsString());
        }
        return out;
    }
}

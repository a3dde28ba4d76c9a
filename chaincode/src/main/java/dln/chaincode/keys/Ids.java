package dln.chaincode.keys;

import dln.chaincode.cid.Sha256Hex;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.util.regex.Pattern;

/**
 * Record ids derived from the transaction id: every endorsing peer computes the same id, and the
 * kind prefix keeps a model id from being mistaken for an update id.
 */
public final class Ids {

    /** The parent name standing for a model's initial weights. */
    public static final String INITIAL = "initial";

    private static final Pattern MODEL_ID = Pattern.compile("m-[0-9a-f]{32}");
    private static final Pattern UPDATE_ID = Pattern.compile("u-[0-9a-f]{32}");

    private Ids() {
    }

    public static String model(final String txId) {
        return "m-" + Sha256Hex.of("model:" + txId).substring(0, 32);
    }

    public static String update(final String txId) {
        return "u-" + Sha256Hex.of("update:" + txId).substring(0, 32);
    }

    public static String checkModel(final String id) {
        if (id == null || !MODEL_ID.matcher(id).matches()) {
            throw Violation.of(Rule.INVALID_ID, "a model id is 'm-' and 32 lower-case hex characters, got '" + clip(id) + "'");
        }
        return id;
    }

    public static String checkUpdate(final String id) {
        if (id == null || !UPDATE_ID.matcher(id).matches()) {
            throw Violation.of(Rule.INVALID_ID, "an update id is 'u-' and 32 lower-case hex characters, got '" + clip(id) + "'");
        }
        return id;
    }

    public static boolean isUpdate(final String id) {
        return id != null && UPDATE_ID.matcher(id).matches();
    }

    private static String clip(final String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}

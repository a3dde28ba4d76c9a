package dln.chaincode.json;

import com.google.gson.JsonElement;

/**
 * Writes a JSON tree with object keys sorted and no whitespace, so every peer endorses the same
 * bytes for the same record whatever order the fields were built in. The one implementation is
 * {@link dln.api.CanonicalJson}, shared with the clients, which hash the training recipe as the chaincode does.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(final JsonElement element) {
        return dln.api.CanonicalJson.write(element);
    }
}

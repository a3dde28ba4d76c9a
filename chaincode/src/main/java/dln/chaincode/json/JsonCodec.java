package dln.chaincode.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;

/** Records to canonical JSON and back. Gson is immutable and thread-safe, so one instance is shared. */
public final class JsonCodec {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private JsonCodec() {
    }

    public static JsonElement tree(final Object value) {
        return GSON.toJsonTree(value);
    }

    public static String encode(final Object value) {
        return CanonicalJson.write(tree(value));
    }

    public static byte[] bytes(final Object value) {
        return encode(value).getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T decode(final byte[] json, final Class<T> type) {
        try {
            return GSON.fromJson(new String(json, StandardCharsets.UTF_8), type);
        } catch (JsonParseException e) {
            // Only this chaincode writes these keys: a parse failure means corrupted state, not bad input.
            throw new IllegalStateException("ledger record is not a valid " + type.getSimpleName(), e);
        }
    }
}

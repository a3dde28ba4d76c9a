package dln.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a JSON tree with object keys sorted and no whitespace, so every peer endorses the same
 * bytes for the same record whatever order the fields were built in, and a client hashes what the
 * chaincode hashed (the training recipe's hash, {@link TrainingRecipe#hash()}). Null members are left out.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String write(final JsonElement element) {
        final StringBuilder out = new StringBuilder(256);
        append(element, out);
        return out.toString();
    }

    private static void append(final JsonElement e, final StringBuilder out) {
        if (e == null || e.isJsonNull()) {
            out.append("null");
        } else if (e.isJsonObject()) {
            appendObject(e.getAsJsonObject(), out);
        } else if (e.isJsonArray()) {
            appendArray(e.getAsJsonArray(), out);
        } else {
            // JsonPrimitive.toString escapes strings and keeps numbers as parsed or as Java prints them.
            out.append(e.getAsJsonPrimitive().toString());
        }
    }

    private static void appendObject(final JsonObject o, final StringBuilder out) {
        final Map<String, JsonElement> sorted = new TreeMap<>();
        for (final Map.Entry<String, JsonElement> en : o.entrySet()) {
            if (en.getValue() != null && !en.getValue().isJsonNull()) {
                sorted.put(en.getKey(), en.getValue());
            }
        }
        out.append('{');
        boolean first = true;
        for (final Map.Entry<String, JsonElement> en : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(new com.google.gson.JsonPrimitive(en.getKey()).toString()).append(':');
            append(en.getValue(), out);
        }
        out.append('}');
    }

    private static void appendArray(final JsonArray a, final StringBuilder out) {
        out.append('[');
        for (int i = 0; i < a.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(a.get(i), out);
        }
        out.append(']');
    }
}

package dln.chaincode.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.io.IOException;
import java.io.StringReader;

/**
 * Parses a transaction argument as strict JSON. Gson's own tree parser is lenient and lets a
 * repeated key silently overwrite the first; a request must mean exactly one thing, so duplicate
 * keys, trailing data and non-standard literals are refused.
 */
public final class StrictJson {

    private static final int MAX_DEPTH = 16;

    private StrictJson() {
    }

    public static JsonObject object(final String text, final String what, final int maxChars) {
        if (text == null || text.isBlank()) {
            throw Violation.of(Rule.MISSING_FIELD, what + " must be a JSON object, got nothing");
        }
        if (text.length() > maxChars) {
            throw Violation.of(Rule.TOO_LARGE, what + " is " + text.length() + " characters; the limit is " + maxChars);
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            final JsonElement root = read(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw Violation.of(Rule.INVALID_JSON, what + " has data after the JSON object");
            }
            if (!root.isJsonObject()) {
                throw Violation.of(Rule.INVALID_JSON, what + " must be a JSON object");
            }
            return root.getAsJsonObject();
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw Violation.of(Rule.INVALID_JSON, what + " is not valid JSON: " + e.getMessage());
        }
    }

    private static JsonElement read(final JsonReader r, final int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw Violation.of(Rule.TOO_LARGE, "JSON nests deeper than " + MAX_DEPTH + " levels");
        }
        switch (r.peek()) {
            case BEGIN_OBJECT: {
                final JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    final String name = r.nextName();
                    if (o.has(name)) {
                        throw Violation.of(Rule.INVALID_JSON, "key '" + name + "' appears twice");
                    }
                    o.add(name, read(r, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                final JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(read(r, depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING:
                return new JsonPrimitive(r.nextString());
            case NUMBER:
                return new JsonPrimitive(new LazilyParsedNumber(r.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("unexpected " + r.peek());
        }
    }
}

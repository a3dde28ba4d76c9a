package dln.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON form of {@link ModelSpec} and the canonical form of {@link ArchitectureSpec} that the
 * architecture hash is taken over (docs/formats.md, "Architecture spec").
 */
public final class SpecJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private SpecJson() {
    }

    /** Human-readable JSON of a model spec. */
    public static String toJson(ModelSpec spec) {
        return GSON.toJson(spec);
    }

    /**
     * The architecture of a model record as the ledger returns it, parsed; not validated (planning
     * it does that, {@link ArchitecturePlan#of}). One parser for every call: a parser made per call
     * builds its type adapters again by reflection each time, a tenth of a committee member's CPU
     * in a session (JFR, 2026-12-07, twenty-sixth session).
     */
    public static ArchitectureSpec architecture(JsonElement json) {
        return GSON.fromJson(json, ArchitectureSpec.class);
    }

    /**
     * Parses a model spec and validates its architecture (shapes must work out).
     *
     * @throws IllegalArgumentException on malformed JSON or an invalid architecture
     */
    public static ModelSpec parse(String json) {
        ModelSpec spec;
        try {
            spec = GSON.fromJson(json, ModelSpec.class);
        } catch (RuntimeException e) {
            // Gson wraps failures of the records' validating constructors; surface the root cause.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("invalid model spec JSON: " + root.getMessage(), e);
        }
        if (spec == null) {
            throw new IllegalArgumentException("empty model spec JSON");
        }
        unknownLayerFields(json);
        ArchitecturePlan.of(spec.architecture());
        return spec;
    }

    /** A misspelt field would otherwise be dropped silently and the layer take a default. */
    private static void unknownLayerFields(String json) {
        com.google.gson.JsonElement root = com.google.gson.JsonParser.parseString(json);
        if (!root.isJsonObject() || !root.getAsJsonObject().has("architecture")
                || !root.getAsJsonObject().get("architecture").isJsonObject()) {
            return;
        }
        com.google.gson.JsonElement layers = root.getAsJsonObject().getAsJsonObject("architecture").get("layers");
        if (layers == null || !layers.isJsonArray()) {
            return;
        }
        java.util.Set<String> known = java.util.Arrays.stream(LayerSpec.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(java.util.stream.Collectors.toSet());
        for (int i = 0; i < layers.getAsJsonArray().size(); i++) {
            com.google.gson.JsonElement l = layers.getAsJsonArray().get(i);
            if (!l.isJsonObject()) {
                continue;
            }
            for (String key : l.getAsJsonObject().keySet()) {
                if (!known.contains(key)) {
                    com.google.gson.JsonElement type = l.getAsJsonObject().get("type");
                    throw new IllegalArgumentException("layer " + i + " (" + (type == null ? "no type" : type.getAsString())
                            + "): unknown field '" + key + "'");
                }
            }
        }
    }

    /**
     * The canonical JSON of an architecture: object keys in ascending order, no whitespace,
     * null fields omitted, integers in plain decimal, fractions (rate, threshold, momentum,
     * epsilon) in plain decimal without exponent or trailing zeros, strings as-is (the spec only
     * allows [a-z0-9] names, so no escaping arises).
     */
    public static String canonical(ArchitectureSpec a) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"input\":");
        ints(sb, a.input());
        sb.append(",\"layers\":[");
        for (int i = 0; i < a.layers().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            layer(sb, a.layers().get(i));
        }
        sb.append("]}");
        return sb.toString();
    }

    /** SHA-256 of the UTF-8 canonical JSON, 64 lower-case hex digits: the architecture hash. */
    public static String architectureHash(ArchitectureSpec a) {
        return dln.core.crypto.Digests.sha256Hex(canonical(a).getBytes(StandardCharsets.UTF_8));
    }

    private static void layer(StringBuilder sb, LayerSpec l) {
        // Alphabetical key order; a field absent (null) is left out, so specs written before a
        // field existed keep their hash.
        sb.append('{');
        boolean first = true;
        first = str(sb, first, "activation", l.activation());
        first = list(sb, first, "cardinalities", l.cardinalities());
        first = list(sb, first, "columns", l.columns());
        first = dec(sb, first, "epsilon", l.epsilon());
        first = num(sb, first, "filters", l.filters());
        first = num(sb, first, "from", l.from());
        first = num(sb, first, "kernel", l.kernel());
        first = str(sb, first, "loss", l.loss());
        first = dec(sb, first, "momentum", l.momentum());
        first = str(sb, first, "padding", l.padding());
        first = dec(sb, first, "rate", l.rate());
        first = list(sb, first, "shape", l.shape());
        first = num(sb, first, "stride", l.stride());
        first = dec(sb, first, "threshold", l.threshold());
        first = str(sb, first, "type", l.type());
        num(sb, first, "units", l.units());
        sb.append('}');
    }

    private static boolean list(StringBuilder sb, boolean first, String key, List<Integer> v) {
        if (v == null) {
            return first;
        }
        sb.append(first ? "" : ",").append('"').append(key).append("\":");
        ints(sb, v);
        return false;
    }

    /**
     * A fractional value in plain decimal without exponent or trailing zeros, from the shortest
     * digits that identify the double ({@code 0.5}, {@code 0.00001}, {@code 1}).
     */
    private static boolean dec(StringBuilder sb, boolean first, String key, Double v) {
        if (v == null) {
            return first;
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("spec value " + v + " for " + key + " must be finite");
        }
        String text = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        sb.append(first ? "" : ",").append('"').append(key).append("\":").append(text);
        return false;
    }

    private static boolean str(StringBuilder sb, boolean first, String key, String v) {
        if (v == null) {
            return first;
        }
        if (!v.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("spec value '" + v + "' for " + key + " must match [a-z0-9]+");
        }
        sb.append(first ? "" : ",").append('"').append(key).append("\":\"").append(v).append('"');
        return false;
    }

    private static boolean num(StringBuilder sb, boolean first, String key, Integer v) {
        if (v == null) {
            return first;
        }
        sb.append(first ? "" : ",").append('"').append(key).append("\":").append(v.intValue());
        return false;
    }

    private static void ints(StringBuilder sb, List<Integer> v) {
        sb.append('[');
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i) == null) {
                throw new IllegalArgumentException("spec lists cannot hold null, got " + v);
            }
            sb.append(i > 0 ? "," : "").append(v.get(i).intValue());
        }
        sb.append(']');
    }
}

package dln.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
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
        ArchitecturePlan.of(spec.architecture());
        return spec;
    }

    /**
     * The canonical JSON of an architecture: object keys in ascending order, no whitespace,
     * null fields omitted, integers in plain decimal, strings as-is (the spec only allows
     * [a-z0-9] names, so no escaping arises).
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
        // Alphabetical key order: activation, filters, kernel, loss, stride, type, units.
        sb.append('{');
        boolean first = true;
        first = str(sb, first, "activation", l.activation());
        first = num(sb, first, "filters", l.filters());
        first = num(sb, first, "kernel", l.kernel());
        first = str(sb, first, "loss", l.loss());
        first = num(sb, first, "stride", l.stride());
        first = str(sb, first, "type", l.type());
        num(sb, first, "units", l.units());
        sb.append('}');
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
            sb.append(i > 0 ? "," : "").append(v.get(i).intValue());
        }
        sb.append(']');
    }
}

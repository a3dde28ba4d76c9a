package dln.core.modelimport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a Keras model: its class name, its {@code config} from the model's JSON and its
 * weights by short name ({@code kernel}, {@code bias}) in Keras's layouts.
 *
 * @param className  the Keras class ("Dense", "Conv2D")
 * @param config     the layer's config object
 * @param weights    its weight arrays by short name
 * @param dataFormat the model's image layout, channels_last or channels_first
 * @param from       for an {@code Add}, the dln layer whose output it adds to the previous one; else null
 */
record KerasLayer(String className, JsonObject config, Map<String, INDArray> weights, String dataFormat, Integer from) {

    /** The layer's name in the model. */
    String name() {
        return config.has("name") ? config.get("name").getAsString() : className;
    }

    /** A string setting, or {@code otherwise} when absent or null. */
    String text(final String key, final String otherwise) {
        final JsonElement e = config.get(key);
        return e == null || e.isJsonNull() ? otherwise : e.getAsString();
    }

    /** An integer setting. */
    int integer(final String key, final SpecAssembler into) {
        final JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) {
            throw into.refuse("has no " + key);
        }
        return e.getAsInt();
    }

    /** A number setting, or {@code otherwise} when absent or null. */
    double real(final String key, final double otherwise) {
        final JsonElement e = config.get(key);
        return e == null || e.isJsonNull() ? otherwise : e.getAsDouble();
    }

    /** A boolean setting, or {@code otherwise} when absent. */
    boolean flag(final String key, final boolean otherwise) {
        final JsonElement e = config.get(key);
        return e == null || e.isJsonNull() ? otherwise : e.getAsBoolean();
    }

    /** An integer pair setting ({@code [2, 2]} or a bare {@code 2}), or {@code otherwise} when absent or null. */
    List<Integer> pair(final String key, final List<Integer> otherwise) {
        final JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) {
            return otherwise;
        }
        if (e.isJsonPrimitive()) {
            return List.of(e.getAsInt(), e.getAsInt());
        }
        final List<Integer> out = new ArrayList<>();
        e.getAsJsonArray().forEach(v -> out.add(v.getAsInt()));
        return out;
    }

    /** A square size from a pair setting, refused when the two differ. */
    int square(final String key, final List<Integer> otherwise, final SpecAssembler into) {
        final List<Integer> p = pair(key, otherwise);
        if (p == null || p.size() != 2 || !p.get(0).equals(p.get(1))) {
            throw into.refuse(key + " " + p + " is not square (dln takes square kernels and equal strides)");
        }
        return p.get(0);
    }

    /** A weight array by short name, or null when the layer has none of that name. */
    INDArray weight(final String shortName) {
        return weights.get(shortName);
    }
}

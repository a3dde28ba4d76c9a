package dln.core.modelimport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a Keras HDF5 model (what {@code model.save("model.h5")} writes) with DL4J's
 * {@link Hdf5Archive}: the {@code model_config} JSON for the layers and the
 * {@code model_weights} group for their arrays, which keep Keras's layouts. Sequential models
 * and functional ones are read in the file's order: each layer takes the previous layer's output,
 * and an {@code Add} may also take an earlier one (a skip connection; {@link SourceOutputs}).
 * Each layer goes through {@link KerasLayers}.
 */
final class KerasModelReader {
    static final String FORMAT = "Keras HDF5";
    /** A Sequential model's input, which has no layer name when the first layer declares the input shape. */
    private static final String INPUT = "(input)";

    private KerasModelReader() {
    }

    static ImportedModel read(final Path file, final String shown) throws java.io.IOException {
        final SpecAssembler into = new SpecAssembler(shown);
        if (!hdf5(file)) {
            // Checked here: the HDF5 library would print its error stack to stderr before failing.
            throw into.refuseFile("not an HDF5 file (no HDF5 signature); give a Keras model saved as HDF5 (model.save(\"model.h5\"))");
        }
        final Hdf5Archive archive;
        try {
            archive = new Hdf5Archive(file.toString());
        } catch (RuntimeException e) {
            throw into.refuseFile("not an HDF5 file (" + e.getMessage() + ")");
        }
        try (archive) {
            if (!archive.hasAttribute("model_config")) {
                throw into.refuseFile("has no model_config: it holds weights only; save the whole model (model.save(\"model.h5\"))");
            }
            // The archive's string may carry bytes past the JSON (its read buffer); a lenient reader takes the first value only.
            final com.google.gson.stream.JsonReader json = new com.google.gson.stream.JsonReader(
                    new java.io.StringReader(archive.readAttributeAsJson("model_config")));
            json.setLenient(true);
            final JsonObject config = JsonParser.parseReader(json).getAsJsonObject();
            final List<JsonObject> layers = layers(config, into);
            final boolean sequential = "Sequential".equals(config.has("class_name") ? config.get("class_name").getAsString() : "");
            final String dataFormat = dataFormat(layers);
            into.input(input(layers, dataFormat, into));
            final List<String> weighted = archive.getGroups().contains("model_weights") ? archive.getGroups("model_weights") : List.of();
            SourceOutputs outputs = sequential ? new SourceOutputs(into, INPUT) : null;
            String previous = INPUT;
            for (int i = 0; i < layers.size(); i++) {
                final JsonObject layer = layers.get(i);
                final String cls = layer.get("class_name").getAsString();
                final JsonObject settings = layer.has("config") ? layer.getAsJsonObject("config") : new JsonObject();
                final String name = settings.has("name") ? settings.get("name").getAsString() : cls;
                into.at(i, name, cls);
                final LayerMapping<KerasLayer> mapping = KerasLayers.of(cls);
                if (mapping == null) {
                    throw into.unsupported(KerasLayers.supported());
                }
                Integer from = null;
                if ("InputLayer".equals(cls) && !sequential) {
                    if (outputs != null) {
                        throw into.refuse("a second input; dln imports models with one input");
                    }
                    outputs = new SourceOutputs(into, name);
                } else if (!"InputLayer".equals(cls)) {
                    if (outputs == null) {
                        throw into.refuseFile("has no InputLayer before layer " + i);
                    }
                    from = outputs.from(sequential ? List.of(previous) : inbound(layer), "Add".equals(cls));
                }
                final Map<String, INDArray> weights = new HashMap<>();
                if (weighted.contains(name)) {
                    collect(archive, new String[]{"model_weights", name}, weights);
                }
                mapping.map(new KerasLayer(cls, settings, weights, dataFormat, from), into);
                outputs.produced(name);
                previous = name;
            }
        } catch (org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException | IllegalStateException
                 | com.google.gson.JsonParseException e) {
            throw into.refuseFile("not a Keras model file DL4J can read (" + e.getMessage() + ")");
        }
        return into.build(FORMAT);
    }

    /** True when the file starts with the HDF5 signature, at 0 or after a user block of 512, 1024, 2048... bytes. */
    private static boolean hdf5(final Path file) throws java.io.IOException {
        final byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            for (long at = 0; at + signature.length <= ch.size(); at = at == 0 ? 512 : at * 2) {
                final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(signature.length);
                ch.read(b, at);
                if (java.util.Arrays.equals(b.array(), signature)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The layers of a Sequential or functional model, in the file's (topological) order. */
    private static List<JsonObject> layers(final JsonObject model, final SpecAssembler into) {
        final JsonElement cfg = model.get("config");
        final JsonArray array = cfg == null ? null : cfg.isJsonArray() ? cfg.getAsJsonArray() : cfg.getAsJsonObject().getAsJsonArray("layers");
        if (array == null) {
            throw into.refuseFile("its model_config has no layers");
        }
        final List<JsonObject> layers = new ArrayList<>();
        array.forEach(e -> layers.add(e.getAsJsonObject()));
        return layers;
    }

    /** The layer names a functional layer takes its input from (Keras 2 and Keras 3 layouts). */
    private static List<String> inbound(final JsonObject layer) {
        final List<String> names = new ArrayList<>();
        final JsonElement nodes = layer.get("inbound_nodes");
        if (nodes == null || !nodes.isJsonArray()) {
            return names;
        }
        for (final JsonElement node : nodes.getAsJsonArray()) {
            if (node.isJsonArray()) {
                node.getAsJsonArray().forEach(t -> names.add(t.getAsJsonArray().get(0).getAsString()));
            } else if (node.isJsonObject() && node.getAsJsonObject().has("args")) {
                node.getAsJsonObject().getAsJsonArray("args").forEach(a -> history(a, names));
            }
        }
        return names;
    }

    private static void history(final JsonElement e, final List<String> names) {
        if (e.isJsonObject()) {
            final JsonObject o = e.getAsJsonObject();
            if (o.has("config") && o.getAsJsonObject("config").has("keras_history")) {
                names.add(o.getAsJsonObject("config").getAsJsonArray("keras_history").get(0).getAsString());
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> history(x, names));
        }
    }

    /** The model's image layout: the first layer that states one, else Keras's default channels_last. */
    private static String dataFormat(final List<JsonObject> layers) {
        for (final JsonObject l : layers) {
            final JsonObject c = l.getAsJsonObject("config");
            if (c != null && c.has("data_format") && !c.get("data_format").isJsonNull()) {
                return c.get("data_format").getAsString();
            }
        }
        return "channels_last";
    }

    /** The input shape per example in dln's order (channels-last images become [channels, height, width]). */
    private static List<Integer> input(final List<JsonObject> layers, final String dataFormat, final SpecAssembler into) {
        for (final JsonObject l : layers) {
            final JsonObject c = l.getAsJsonObject("config");
            for (final String key : List.of("batch_input_shape", "batch_shape")) {
                if (c != null && c.has(key) && c.get(key).isJsonArray()) {
                    final List<Integer> shape = new ArrayList<>();
                    final JsonArray dims = c.getAsJsonArray(key);
                    for (int i = 1; i < dims.size(); i++) {
                        if (dims.get(i).isJsonNull()) {
                            throw into.refuseFile("its input shape " + dims + " has an open dimension; dln needs a fixed shape");
                        }
                        shape.add(dims.get(i).getAsInt());
                    }
                    return shape.size() == 3 && "channels_last".equals(dataFormat) ? List.of(shape.get(2), shape.get(0), shape.get(1)) : shape;
                }
            }
        }
        throw into.refuseFile("no input shape in its model_config (build the model with an Input or input_shape)");
    }

    /** Every dataset under {@code groups}, recursively, by short name ("kernel:0" is "kernel"). */
    private static void collect(final Hdf5Archive archive, final String[] groups, final Map<String, INDArray> out) {
        for (final String d : archive.getDataSets(groups)) {
            try {
                out.put(d.replaceFirst(":\\d+$", ""), archive.readDataSet(d, groups));
            } catch (org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        for (final String g : archive.getGroups(groups)) {
            final String[] deeper = java.util.Arrays.copyOf(groups, groups.length + 1);
            deeper[groups.length] = g;
            collect(archive, deeper, out);
        }
    }
}

package dln.chaincode.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.api.TrainingRecipe;
import dln.chaincode.json.CanonicalJson;
import dln.chaincode.json.Fields;
import dln.chaincode.rule.Violation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code spec.recipe}: its shape (every field typed, no unknown field) here, its bounds in
 * {@link TrainingRecipe} (the one place they are written, shared with the clients), a bound
 * broken refused as RECIPE_INVALID. A spec without a recipe gets {@link TrainingRecipe#DEFAULT};
 * fields left out of a recipe take the defaults of that recipe, and the model records the recipe
 * written out, so its hash never depends on a default that may change.
 */
final class RecipeReader {

    static final int MAX_PREPROCESSING_CHARS = 256 * 1024;
    private static final int MAX_NAME = 128;
    private static final int MAX_COLUMNS = 4096;
    private static final int MAX_CATEGORIES = 4096;

    private RecipeReader() {
    }

    /** The recipe of a spec whose fields are {@code spec}. */
    static TrainingRecipe read(final Fields spec) {
        if (!spec.has("recipe")) {
            return TrainingRecipe.DEFAULT;
        }
        final Fields r = spec.fields("recipe", "optimiser", "learningRate", "schedule", "batchSize", "localEpochs", "loss", "fedProxMu",
                "preprocessing", "minLocalSteps");
        final TrainingRecipe d = TrainingRecipe.DEFAULT;
        try {
            final TrainingRecipe.Optimiser optimiser = r.has("optimiser")
                    ? TrainingRecipe.Optimiser.of(named(r.fields("optimiser", "name", "params")), params(r.fields("optimiser", "name", "params")))
                    : d.optimiser();
            final TrainingRecipe.Schedule schedule = r.has("schedule")
                    ? TrainingRecipe.Schedule.of(named(r.fields("schedule", "name", "params")), params(r.fields("schedule", "name", "params")))
                    : d.schedule();
            return new TrainingRecipe(optimiser,
                    r.has("learningRate") ? r.number("learningRate", -Double.MAX_VALUE, Double.MAX_VALUE) : d.learningRate(),
                    schedule,
                    r.has("batchSize") ? (int) r.integer("batchSize", Integer.MIN_VALUE, Integer.MAX_VALUE) : d.batchSize(),
                    r.has("localEpochs") ? (int) r.integer("localEpochs", Integer.MIN_VALUE, Integer.MAX_VALUE) : d.localEpochs(),
                    r.has("loss") ? r.text("loss", 1, 64) : d.loss(),
                    r.has("fedProxMu") ? r.number("fedProxMu", -Double.MAX_VALUE, Double.MAX_VALUE) : d.fedProxMu(),
                    r.has("preprocessing") ? preprocessing(r.fields("preprocessing", "target", "classes", "numeric", "categorical",
                            "image", "regressionTarget")) : null,
                    r.has("minLocalSteps") ? (int) r.integer("minLocalSteps", Integer.MIN_VALUE, Integer.MAX_VALUE) : d.minLocalSteps());
        } catch (IllegalArgumentException e) {
            throw Violation.of(Rule.RECIPE_INVALID, "spec." + e.getMessage());
        }
    }

    private static String named(final Fields f) {
        return f.text("name", 1, 64);
    }

    private static Map<String, Double> params(final Fields f) {
        final Map<String, Double> values = new LinkedHashMap<>();
        if (!f.has("params")) {
            return values;
        }
        final JsonObject params = f.object("params");
        final Fields p = Fields.of(params, f.where() + ".params", params.keySet().toArray(String[]::new));
        for (final String key : params.keySet()) {
            values.put(key, p.number(key, -Double.MAX_VALUE, Double.MAX_VALUE));
        }
        return values;
    }

    /**
     * The fitted preprocessing: the target and its classes (2 to 256), or for a regression no
     * classes and the target's training mean and scale ({@code regressionTarget}, naming the
     * target), the numeric columns with
     * their training mean and scale (finite, scale above 0), the categorical columns with their
     * categories; at least one feature, each column named once, at most 256 KiB as canonical JSON.
     * An image folder's has no columns and an {@code image} {channels 1 or 3, height, width 1 to
     * 4096}: the input its images are resized to.
     */
    private static JsonObject preprocessing(final Fields p) {
        final String where = p.where();
        final Set<String> columns = new HashSet<>();
        final String target = p.text("target", 1, MAX_NAME);
        columns.add(target);
        JsonObject regressionTarget = null;
        final JsonArray classes;
        if (p.has("regressionTarget")) {
            classes = p.array("classes", 0, 256);
            if (!classes.isEmpty()) {
                throw new IllegalArgumentException(where.substring("spec.".length()) + ".classes must be empty for a regression (regressionTarget)");
            }
            final Fields t = p.fields("regressionTarget", "name", "mean", "scale");
            if (!target.equals(t.text("name", 1, MAX_NAME))) {
                throw new IllegalArgumentException(t.where().substring("spec.".length()) + ".name must be the target '" + target + "'");
            }
            t.number("mean", -Double.MAX_VALUE, Double.MAX_VALUE);
            if (!(t.number("scale", -Double.MAX_VALUE, Double.MAX_VALUE) > 0)) {
                throw new IllegalArgumentException(t.where().substring("spec.".length()) + ".scale must be above 0");
            }
            regressionTarget = p.object("regressionTarget").deepCopy();
        } else {
            classes = p.array("classes", 2, 256);
        }
        strings(classes, where + ".classes", true);
        int features = 0;
        final JsonArray numeric = p.has("numeric") ? p.array("numeric", 0, MAX_COLUMNS) : new JsonArray();
        for (int i = 0; i < numeric.size(); i++) {
            final Fields c = Fields.of(object(numeric.get(i), where + ".numeric[" + i + "]"), where + ".numeric[" + i + "]", "name", "mean", "scale");
            column(columns, c);
            c.number("mean", -Double.MAX_VALUE, Double.MAX_VALUE);
            if (!(c.number("scale", -Double.MAX_VALUE, Double.MAX_VALUE) > 0)) {
                throw new IllegalArgumentException(c.where().substring("spec.".length()) + ".scale must be above 0");
            }
            features++;
        }
        final JsonArray categorical = p.has("categorical") ? p.array("categorical", 0, MAX_COLUMNS) : new JsonArray();
        for (int i = 0; i < categorical.size(); i++) {
            final Fields c = Fields.of(object(categorical.get(i), where + ".categorical[" + i + "]"), where + ".categorical[" + i + "]",
                    "name", "categories");
            column(columns, c);
            final JsonArray cats = c.array("categories", 0, MAX_CATEGORIES);
            strings(cats, c.where() + ".categories", true);
            features += cats.size();
        }
        if (p.has("image")) {
            final Fields image = p.fields("image", "channels", "height", "width");
            final String at = where.substring("spec.".length()) + ".image";
            final long channels = image.integer("channels", Long.MIN_VALUE, Long.MAX_VALUE);
            final long height = image.integer("height", Long.MIN_VALUE, Long.MAX_VALUE);
            final long width = image.integer("width", Long.MIN_VALUE, Long.MAX_VALUE);
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException(at + ".channels must be 1 or 3, got " + channels);
            }
            if (height < 1 || height > 4096 || width < 1 || width > 4096) {
                throw new IllegalArgumentException(at + " height and width must be 1 to 4096, got " + height + "x" + width);
            }
            if (features > 0 || regressionTarget != null) {
                throw new IllegalArgumentException(at + ": an image folder's preprocessing has no numeric or categorical columns and no regression target");
            }
            features += (int) (channels * height * width);
        }
        if (features == 0) {
            throw new IllegalArgumentException(where.substring("spec.".length()) + " yields no feature: name a numeric column or a category");
        }
        final JsonObject out = new JsonObject();
        out.addProperty("target", p.text("target", 1, MAX_NAME));
        out.add("classes", classes.deepCopy());
        out.add("numeric", numeric.deepCopy());
        out.add("categorical", categorical.deepCopy());
        if (p.has("image")) {
            out.add("image", p.object("image").deepCopy());
        }
        if (regressionTarget != null) {
            out.add("regressionTarget", regressionTarget);
        }
        final int size = CanonicalJson.write(out).length();
        if (size > MAX_PREPROCESSING_CHARS) {
            throw Violation.of(Rule.TOO_LARGE, where + " is " + size + " characters; the limit is " + MAX_PREPROCESSING_CHARS);
        }
        return out;
    }

    private static void column(final Set<String> seen, final Fields c) {
        final String name = c.text("name", 1, MAX_NAME);
        if (!seen.add(name)) {
            throw new IllegalArgumentException(c.where().substring("spec.".length()) + " names column '" + name + "' a second time");
        }
    }

    private static JsonObject object(final JsonElement e, final String where) {
        if (!e.isJsonObject()) {
            throw Violation.of(Rule.INVALID_FIELD, where + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static void strings(final JsonArray a, final String where, final boolean distinct) {
        final Set<String> seen = new HashSet<>();
        for (final JsonElement e : a) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isEmpty() || e.getAsString().length() > MAX_NAME) {
                throw Violation.of(Rule.INVALID_FIELD, where + " must hold strings of 1.." + MAX_NAME + " characters");
            }
            if (distinct && !seen.add(e.getAsString())) {
                throw new IllegalArgumentException(where.substring("spec.".length()) + " holds '" + e.getAsString() + "' twice");
            }
        }
    }
}

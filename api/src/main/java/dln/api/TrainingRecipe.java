package dln.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How every provider trains a published model locally, and how its raw data becomes features:
 * part of the model on the ledger ({@code spec.recipe}, docs/ledger.md), approved by the committee
 * with the rest, and named by its hash in every update. The one place its bounds, its defaults,
 * its schedule's formula, its ledger form and its hash are defined, so the chaincode (which
 * refuses a recipe out of bounds with RECIPE_INVALID and an update trained on another recipe with
 * RECIPE_MISMATCH) and the clients (which train with it) cannot disagree.
 *
 * @param optimiser     the local optimiser with every parameter
 * @param learningRate  the base step size, in (0, 10]
 * @param schedule      how the step size changes over one local run
 * @param batchSize     examples per optimiser step, 1 to 65,536
 * @param localEpochs   passes over the local data per update, 1 to 1,000
 * @param loss          the loss the output layer minimises: mcxent (softmax), xent (sigmoid) or mse; must be the architecture's
 * @param fedProxMu     FedProx proximal coefficient mu in [0, 100] (0: off): adds {@code mu/2 ||w - w_start||^2} to the loss
 * @param preprocessing how raw tabular rows become features (the fitted statistics and category maps, docs/models-and-data.md);
 *                      null when the data is features already (MNIST pixels)
 * @param minLocalSteps optimiser steps an update takes at least, 0 to 1,000,000 (0: off): a provider whose local epochs
 *                      make fewer steps goes on through fresh passes of its data and stops at this count, so a small
 *                      provider's step is not a fraction of a large one's (docs/protocol.md, "Small providers")
 */
public record TrainingRecipe(Optimiser optimiser, double learningRate, Schedule schedule, int batchSize, int localEpochs, String loss,
                             double fedProxMu, JsonObject preprocessing, int minLocalSteps) {

    public static final double MAX_LEARNING_RATE = 10;
    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_LOCAL_EPOCHS = 1000;
    public static final double MAX_FEDPROX_MU = 100;
    public static final int MAX_MIN_LOCAL_STEPS = 1_000_000;
    /** The losses an output layer can name. */
    public static final List<String> LOSSES = List.of("mcxent", "xent", "mse");

    /** What a model published without a recipe trains with: the built-in models' settings (Adam 1e-3, batch 32, one epoch). */
    public static final TrainingRecipe DEFAULT = new TrainingRecipe(Optimiser.of("adam", Map.of()), 1e-3, Schedule.CONSTANT, 32, 1,
            "mcxent", 0, null, 0);

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public TrainingRecipe {
        if (optimiser == null) {
            throw new IllegalArgumentException("recipe.optimiser is required: one of [adam, sgd, nesterovs]");
        }
        schedule = schedule == null ? Schedule.CONSTANT : schedule;
        loss = loss == null ? "mcxent" : loss;
        within("learningRate", learningRate, 0, false, MAX_LEARNING_RATE);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("recipe.batchSize must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (localEpochs < 1 || localEpochs > MAX_LOCAL_EPOCHS) {
            throw new IllegalArgumentException("recipe.localEpochs must be 1 to " + MAX_LOCAL_EPOCHS + ", got " + localEpochs);
        }
        if (!LOSSES.contains(loss)) {
            throw new IllegalArgumentException("recipe.loss must be one of " + LOSSES + ", got '" + loss + "'");
        }
        within("fedProxMu", fedProxMu, 0, true, MAX_FEDPROX_MU);
        if (minLocalSteps < 0 || minLocalSteps > MAX_MIN_LOCAL_STEPS) {
            throw new IllegalArgumentException("recipe.minLocalSteps must be 0 (off) to " + MAX_MIN_LOCAL_STEPS + ", got " + minLocalSteps);
        }
        preprocessing = preprocessing == null ? null : (JsonObject) normalised(preprocessing);
    }

    /**
     * The local optimiser: {@code adam} (beta1, beta2 in [0, 1), epsilon in (0, 1]; defaults 0.9,
     * 0.999, 1e-8, ND4J's), {@code sgd} (no parameters) or {@code nesterovs} (momentum in [0, 1),
     * default 0.9). A parameter left out takes its default, and the ledger records it written out.
     */
    public record Optimiser(String name, Map<String, Double> params) {
        static final Map<String, Map<String, Double>> NAMES = Map.of(
                "adam", Ordered.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8),
                "sgd", Map.of(),
                "nesterovs", Ordered.of("momentum", 0.9));

        public Optimiser {
            final Map<String, Double> defaults = NAMES.get(name);
            if (defaults == null) {
                throw new IllegalArgumentException("recipe.optimiser.name must be one of " + List.of("adam", "sgd", "nesterovs")
                        + ", got '" + name + "'");
            }
            params = params == null ? Map.of() : params;
            for (final String k : params.keySet()) {
                if (!defaults.containsKey(k)) {
                    throw new IllegalArgumentException("recipe.optimiser " + name + " takes " + (defaults.isEmpty() ? "no parameters"
                            : "the parameters " + defaults.keySet()) + ", got '" + k + "'");
                }
            }
            final Map<String, Double> all = new LinkedHashMap<>();
            for (final Map.Entry<String, Double> d : defaults.entrySet()) {
                final Double v = params.get(d.getKey());
                final double value = v == null ? d.getValue() : v;
                if (d.getKey().equals("epsilon")) {
                    within("optimiser.params.epsilon", value, 0, false, 1);
                } else if (!(value >= 0 && value < 1)) {
                    throw new IllegalArgumentException("recipe.optimiser.params." + d.getKey() + " must be in [0, 1), got " + value);
                }
                all.put(d.getKey(), value);
            }
            params = Collections.unmodifiableMap(all);
        }

        /** {@code name} with {@code params} and the defaults of those left out. */
        public static Optimiser of(final String name, final Map<String, Double> params) {
            return new Optimiser(name, params);
        }

        /** A parameter's value. */
        public double param(final String p) {
            return params.get(p);
        }
    }

    /**
     * How the step size changes over one local run of {@code T} optimiser steps (t = 0 .. T-1,
     * counted across the run's epochs; a run starts fresh, like its optimiser state):
     * <ul>
     *   <li>{@code constant}: the learning rate;</li>
     *   <li>{@code step} (every: whole steps, at least 1; factor in (0, 1]): lr * factor^floor(t / every);</li>
     *   <li>{@code cosine} (floor in [0, 1], default 0): lr * (floor + (1 - floor) * (1 + cos(pi t / T)) / 2).</li>
     * </ul>
     */
    public record Schedule(String name, Map<String, Double> params) {
        static final Map<String, Map<String, Double>> NAMES = Map.of(
                "constant", Map.of(),
                "step", Ordered.of("every", Double.NaN, "factor", Double.NaN),
                "cosine", Ordered.of("floor", 0.0));

        /** The same step size throughout (after NAMES, which its construction reads). */
        public static final Schedule CONSTANT = new Schedule("constant", Map.of());

        public Schedule {
            final Map<String, Double> defaults = NAMES.get(name);
            if (defaults == null) {
                throw new IllegalArgumentException("recipe.schedule.name must be one of " + List.of("constant", "step", "cosine")
                        + ", got '" + name + "'");
            }
            params = params == null ? Map.of() : params;
            for (final String k : params.keySet()) {
                if (!defaults.containsKey(k)) {
                    throw new IllegalArgumentException("recipe.schedule " + name + " takes " + (defaults.isEmpty() ? "no parameters"
                            : "the parameters " + defaults.keySet()) + ", got '" + k + "'");
                }
            }
            final Map<String, Double> all = new LinkedHashMap<>();
            for (final Map.Entry<String, Double> d : defaults.entrySet()) {
                final Double v = params.get(d.getKey());
                if (v == null && Double.isNaN(d.getValue())) {
                    throw new IllegalArgumentException("recipe.schedule " + name + " needs " + d.getKey() + " (" + defaults.keySet() + ")");
                }
                all.put(d.getKey(), v == null ? d.getValue() : v);
            }
            switch (name) {
                case "step" -> {
                    final double every = all.get("every");
                    if (!(every >= 1 && every <= 1e9 && every == Math.rint(every))) {
                        throw new IllegalArgumentException("recipe.schedule.params.every must be a whole number of steps, 1 to 1e9, got " + every);
                    }
                    within("schedule.params.factor", all.get("factor"), 0, false, 1);
                }
                case "cosine" -> within("schedule.params.floor", all.get("floor"), 0, true, 1);
                default -> { }
            }
            params = Collections.unmodifiableMap(all);
        }

        /** {@code name} with {@code params} (cosine's floor defaults to 0). */
        public static Schedule of(final String name, final Map<String, Double> params) {
            return new Schedule(name, params);
        }

        /** The factor on the base learning rate at step {@code t} of a run of {@code total} steps. */
        public double factor(final long t, final long total) {
            return switch (name) {
                case "step" -> Math.pow(params.get("factor"), Math.floor(t / params.get("every")));
                case "cosine" -> {
                    final double floor = params.get("floor");
                    yield floor + (1 - floor) * (1 + Math.cos(Math.PI * t / Math.max(1, total))) / 2;
                }
                default -> 1;
            };
        }
    }

    /** The step size at step {@code t} (from 0) of a local run of {@code total} steps. */
    public double learningRateAt(final long t, final long total) {
        return learningRate * schedule.factor(t, total);
    }

    /** True when the recipe carries the preprocessing of raw tabular rows. */
    public boolean preprocesses() {
        return preprocessing != null;
    }

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject preprocessing() {
        return preprocessing == null ? null : preprocessing.deepCopy();
    }

    /** A recipe without a floor on its steps ({@code minLocalSteps} 0). */
    public TrainingRecipe(final Optimiser optimiser, final double learningRate, final Schedule schedule, final int batchSize, final int localEpochs,
                          final String loss, final double fedProxMu, final JsonObject preprocessing) {
        this(optimiser, learningRate, schedule, batchSize, localEpochs, loss, fedProxMu, preprocessing, 0);
    }

    /** The same recipe with {@code p} as its preprocessing (null: none). */
    public TrainingRecipe withPreprocessing(final JsonObject p) {
        return new TrainingRecipe(optimiser, learningRate, schedule, batchSize, localEpochs, loss, fedProxMu, p, minLocalSteps);
    }

    /**
     * Optimiser steps of one local run on {@code examples} examples: {@code localEpochs} passes of
     * {@code ceil(examples / batchSize)} steps, or {@code minLocalSteps} when that is more. The one
     * place a run's length is counted (trainers, DP-SGD's accountant, the schedule's T).
     */
    public long steps(final int examples) {
        return steps(localEpochs, batchSize, minLocalSteps, examples);
    }

    /** {@link #steps(int)} of settings not (yet) a recipe, so a trainer's settings count without building one. */
    public static long steps(final int localEpochs, final int batchSize, final int minLocalSteps, final int examples) {
        return Math.max((long) localEpochs * ((examples + batchSize - 1) / batchSize), minLocalSteps);
    }

    /** The ledger's form: every field and parameter written out (docs/ledger.md, "recipe"). */
    public JsonObject toLedger() {
        final JsonObject o = new JsonObject();
        final JsonObject opt = new JsonObject();
        opt.addProperty("name", optimiser.name());
        opt.add("params", numbers(optimiser.params()));
        o.add("optimiser", opt);
        o.addProperty("learningRate", learningRate);
        final JsonObject s = new JsonObject();
        s.addProperty("name", schedule.name());
        s.add("params", numbers(schedule.params()));
        o.add("schedule", s);
        o.addProperty("batchSize", batchSize);
        o.addProperty("localEpochs", localEpochs);
        o.addProperty("loss", loss);
        o.addProperty("fedProxMu", fedProxMu);
        // Written only when set: every recipe published before the field existed keeps its hash.
        if (minLocalSteps > 0) {
            o.addProperty("minLocalSteps", minLocalSteps);
        }
        if (preprocessing != null) {
            o.add("preprocessing", preprocessing.deepCopy());
        }
        return o;
    }

    /** The canonical JSON of {@link #toLedger()}: sorted keys, no whitespace, numbers as Java prints them. */
    public String canonical() {
        return CanonicalJson.write(toLedger());
    }

    /** SHA-256 of the UTF-8 canonical JSON, 64 lower-case hex digits: what an update names as the recipe it trained with. */
    public String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * This recipe with the fields {@code changes} gives (in the ledger's form, e.g. {@code
     * {"localEpochs": 3, "schedule": {"name": "cosine"}}}) replacing its own; an object field is
     * replaced whole, so its parameters left out take their defaults.
     *
     * @throws IllegalArgumentException for an unknown field or a value out of bounds
     */
    public TrainingRecipe with(final JsonObject changes) {
        final List<String> fields = List.of("optimiser", "learningRate", "schedule", "batchSize", "localEpochs", "loss", "fedProxMu",
                "preprocessing", "minLocalSteps");
        final JsonObject merged = toLedger();
        for (final Map.Entry<String, JsonElement> e : changes.entrySet()) {
            if (!fields.contains(e.getKey())) {
                throw new IllegalArgumentException("recipe has no field '" + e.getKey() + "'; its fields are " + fields);
            }
            merged.add(e.getKey(), e.getValue());
        }
        return fromLedger(merged);
    }

    /**
     * Reads the ledger's form (a model's {@code recipe}, every field written out).
     *
     * @throws IllegalArgumentException naming the first field out of bounds
     */
    public static TrainingRecipe fromLedger(final JsonObject recipe) {
        try {
            final TrainingRecipe r = GSON.fromJson(recipe, TrainingRecipe.class);
            if (r == null) {
                throw new IllegalArgumentException("empty recipe");
            }
            return r;
        } catch (RuntimeException e) {
            // Gson wraps what a record's constructor throws in a plain RuntimeException, not a
            // JsonParseException: the bound it names is the user's error, not an internal one.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed recipe: " + root.getMessage(), e);
        }
    }

    private static JsonObject numbers(final Map<String, Double> values) {
        final JsonObject o = new JsonObject();
        values.forEach(o::addProperty);
        return o;
    }

    /**
     * The tree with every number in one spelling (a whole number as a long, any other as Java's
     * shortest double), so "40", "40.0" and "4e1" hash alike whoever wrote them.
     */
    private static JsonElement normalised(final JsonElement e) {
        if (e.isJsonObject()) {
            final JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(en -> o.add(en.getKey(), normalised(en.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            final JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(normalised(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            final double v = e.getAsDouble();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? new JsonPrimitive((long) v) : new JsonPrimitive(v);
        }
        return e.deepCopy();
    }

    private static void within(final String field, final double v, final double low, final boolean lowIncluded, final double high) {
        if (!(lowIncluded ? v >= low : v > low) || !(v <= high)) {
            throw new IllegalArgumentException("recipe." + field + " must be in " + (lowIncluded ? "[" : "(") + low + ", " + high + "], got " + v);
        }
    }

    /**
     * Parameter tables in order. A class of its own: the nested records' tables must not start
     * TrainingRecipe's initialisation (its DEFAULT builds an Optimiser, a cycle that left a table null).
     */
    private static final class Ordered {
        private Ordered() {
        }

        static Map<String, Double> of(final Object... kv) {
            final Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put((String) kv[i], (Double) kv[i + 1]);
            }
            return Collections.unmodifiableMap(m);
        }
    }
}

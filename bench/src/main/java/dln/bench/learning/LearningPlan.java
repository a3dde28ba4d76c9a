package dln.bench.learning;

import dln.core.attack.Attack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An experiment plan: a name, defaults and entries, in YAML or JSON (JSON is YAML). Every entry
 * is the defaults overridden by its own keys; a key given a list of values makes one entry per
 * value, and several such keys one entry per combination (the entry's keys in the order written,
 * then the defaults', the last varying fastest). Unknown keys and impossible values are refused with the entry's number
 * before anything runs. {@code honest-alone: true} adds, for each attacked configuration, its honest
 * providers without the attackers: the twin a defence is judged against.
 */
public record LearningPlan(String name, List<PlanEntry> entries) {

    static final Set<String> KEYS = Set.of("model", "providers", "partition", "mode", "rule", "combine", "threshold", "quorum", "steps",
            "epochs", "attack", "malicious", "seed", "acceptance", "weighting", "optimiser", "dataset", "privacy", "lr", "batch", "min-steps", "prox");
    private static final Map<String, Object> BUILT_IN_DEFAULTS = Map.ofEntries(Map.entry("model", "mlp"), Map.entry("providers", 4),
            Map.entry("partition", "iid"), Map.entry("mode", "federated"), Map.entry("rule", "fedavg"), Map.entry("combine", "median"),
            Map.entry("threshold", 0.5), Map.entry("quorum", 2), Map.entry("steps", 3), Map.entry("epochs", 1), Map.entry("attack", "none"),
            Map.entry("malicious", 0.0), Map.entry("seed", PlanEntry.DEFAULT_SEED), Map.entry("acceptance", "threshold"), Map.entry("weighting", "claimed"),
            Map.entry("optimiser", "none"), Map.entry("dataset", "mnist"), Map.entry("privacy", dln.core.protocol.LearningPolicy.NO_PRIVACY));

    /** The plans under resources/plans. */
    static final List<String> BUILT_IN = List.of("quick", "full", "matrix", "matrix-subset", "targets", "gossip", "acceptance-seed7", "acceptance-seed8",
            "attacks-informed", "defence-seed7", "defence-seed8", "defence-seed9", "short-steps", "flippers", "trust", "lone-attacker",
            "attacks-8", "attacks-16", "sign-flip", "attack-free");

    /** A built-in plan (one of {@link #BUILT_IN}, under resources/plans) or a plan file. */
    public static LearningPlan load(final String nameOrFile) throws IOException {
        final InputStream builtIn = LearningPlan.class.getResourceAsStream("/plans/" + nameOrFile + ".yaml");
        if (builtIn != null) {
            try (builtIn) {
                return parse(new String(builtIn.readAllBytes(), StandardCharsets.UTF_8), nameOrFile);
            }
        }
        final Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(nameOrFile, null, "not a built-in plan (" + String.join(", ", BUILT_IN) + ") nor a plan file");
        }
        return parse(Files.readString(file), file.getFileName().toString());
    }

    /** Parses YAML or JSON text; IllegalArgumentException names the entry and what is wrong. */
    @SuppressWarnings("unchecked")
    public static LearningPlan parse(final String text, final String source) {
        final Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not valid YAML/JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(source + " must be a mapping with name, defaults and entries");
        }
        for (Object k : top.keySet()) {
            if (!Set.of("name", "defaults", "entries", "honest-alone").contains(String.valueOf(k))) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "' (known: name, defaults, entries, honest-alone)");
            }
        }
        final Map<String, Object> defaults = new LinkedHashMap<>(BUILT_IN_DEFAULTS);
        final Map<String, Object> planDefaults = top.get("defaults") == null ? Map.of()
                : checked((Map<String, Object>) asMap(top.get("defaults"), source + ": defaults"), source + ": defaults");
        defaults.putAll(planDefaults);
        if (!(top.get("entries") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(source + ": entries must be a non-empty list");
        }
        final List<PlanEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            final String where = source + ": entry " + (i + 1);
            final Map<String, Object> own = checked((Map<String, Object>) asMap(list.get(i), where), where);
            final Map<String, Object> merged = new LinkedHashMap<>(own);
            planDefaults.forEach(merged::putIfAbsent);
            defaults.forEach(merged::putIfAbsent);
            for (Map<String, Object> e : combinations(merged, where)) {
                try {
                    entries.add(new PlanEntry(str(e, "model"), integer(e, "providers"), str(e, "partition"), str(e, "mode"), str(e, "rule"),
                            str(e, "combine"), number(e, "threshold"), integer(e, "quorum"), integer(e, "steps"), integer(e, "epochs"),
                            Attack.parse(str(e, "attack")), number(e, "malicious"), integer(e, "seed"),
                            dln.core.protocol.LearningPolicy.parse(str(e, "acceptance"), str(e, "weighting"), str(e, "optimiser"),
                                    str(e, "privacy")),
                            str(e, "dataset"), client(e)));
                } catch (IllegalArgumentException | ClassCastException ex) {
                    throw new IllegalArgumentException(where + ": " + ex.getMessage());
                }
            }
        }
        final Object alone = top.containsKey("honest-alone") ? top.get("honest-alone") : Boolean.FALSE;
        if (!(alone instanceof Boolean)) {
            throw new IllegalArgumentException(source + ": honest-alone must be true or false, got '" + alone + "'");
        }
        final Object name = top.get("name");
        return new LearningPlan(name == null ? source : name.toString(), (Boolean) alone ? withHonestAlone(entries) : entries);
    }

    /**
     * The entries with, before the first attacked entry of each configuration, its honest providers
     * alone ({@link PlanEntry#honestAlone}), once for all the attacks that share it.
     */
    static List<PlanEntry> withHonestAlone(final List<PlanEntry> entries) {
        final List<PlanEntry> out = new ArrayList<>();
        final Set<PlanEntry> added = new java.util.HashSet<>();
        for (PlanEntry e : entries) {
            if (e.attack() != Attack.NONE && e.malicious() > 0 && added.add(e.honestAlone())) {
                out.add(e.honestAlone());
            }
            out.add(e);
        }
        return out;
    }

    /** One entry per combination of the values of the keys given a list; the entry itself when none is. */
    private static List<Map<String, Object>> combinations(final Map<String, Object> entry, final String where) {
        List<Map<String, Object>> out = List.of(entry);
        for (Map.Entry<String, Object> k : entry.entrySet()) {
            if (k.getValue() instanceof List<?> values) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + k.getKey() + " is an empty list (give one value or several)");
                }
                final List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> partial : out) {
                    for (Object v : values) {
                        final Map<String, Object> one = new LinkedHashMap<>(partial);
                        one.put(k.getKey(), v);
                        next.add(one);
                    }
                }
                out = next;
            }
        }
        return out;
    }

    private static Map<?, ?> asMap(final Object o, final String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + " must be a mapping of keys to values");
        }
        return m;
    }

    private static Map<String, Object> checked(final Map<String, Object> m, final String where) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        return m;
    }

    /**
     * The entry's client learning rate, batch, floor of steps and FedProx mu when it sets any (the others from the built-in model,
     * no floor); null otherwise.
     */
    private static dln.session.demo.SessionConfig.ClientRecipe client(final Map<String, Object> e) {
        if (!e.containsKey("lr") && !e.containsKey("batch") && !e.containsKey("min-steps") && !e.containsKey("prox")) {
            return null;
        }
        final dln.core.model.TrainingSpec builtIn = "lenet".equals(str(e, "model")) ? dln.core.model.BuiltinModels.lenet().training()
                : dln.core.model.BuiltinModels.mlp().training();
        return new dln.session.demo.SessionConfig.ClientRecipe(e.containsKey("lr") ? number(e, "lr") : builtIn.learningRate(),
                e.containsKey("batch") ? integer(e, "batch") : dln.core.data.NamedDatasets.batchSize(str(e, "dataset")),
                e.containsKey("min-steps") ? integer(e, "min-steps") : 0, e.containsKey("prox") ? number(e, "prox") : builtIn.fedProxMu());
    }

    private static String str(final Map<String, Object> e, final String k) {
        return String.valueOf(e.get(k));
    }

    private static int integer(final Map<String, Object> e, final String k) {
        final Object v = e.get(k);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(k + " must be a whole number, got '" + v + "'");
        }
        return n.intValue();
    }

    private static double number(final Map<String, Object> e, final String k) {
        final Object v = e.get(k);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(k + " must be a number, got '" + v + "'");
        }
        return n.doubleValue();
    }
}

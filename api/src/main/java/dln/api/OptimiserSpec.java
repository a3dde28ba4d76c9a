package dln.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A server optimiser with its parameters: the one parser of its canonical form
 * ({@code fedadam:0.01:0.9:0.99:0.001}) and of the ledger's form ({@code {"name": "fedadam",
 * "params": {"lr": 0.01, "beta1": 0.9, "beta2": 0.99, "tau": 0.001}}}), so the chaincode can
 * refuse a bad optimiser at publication and every client builds the same one. Unlike
 * {@link AggregationSpec}, the ranges are checked here too (rates positive, decays in [0, 1)):
 * they are the same for every optimiser.
 *
 * <p>A command line may leave out trailing parameters ({@code fedadam}, {@code fedadam:0.1}); they
 * take the {@link OptimiserName} defaults, and {@link #canonical()} writes every value out. The
 * ledger's form must give every parameter, so a recorded model never depends on a default that
 * may change.
 *
 * @param name   the optimiser
 * @param params its parameters by name, in canonical order, all present
 */
public record OptimiserSpec(OptimiserName name, Map<String, Double> params) {

    public OptimiserSpec {
        if (!params.keySet().equals(new java.util.HashSet<>(name.paramNames()))) {
            throw new IllegalArgumentException("server optimiser " + name.wire() + " takes "
                    + (name.params().isEmpty() ? "no parameters" : "the parameters " + name.paramNames())
                    + ", got " + params.keySet() + "; write it as " + name.usage());
        }
        final Map<String, Double> ordered = new LinkedHashMap<>();
        for (OptimiserName.Param p : name.params()) {
            final Double v = params.get(p.name());
            if (v == null || !p.accepts(v)) {
                throw new IllegalArgumentException("server optimiser " + name.wire() + ": " + p.name() + " must be " + p.range()
                        + ", got " + v + "; e.g. " + p.name() + " = " + number(p.defaultValue()));
            }
            ordered.put(p.name(), v);
        }
        params = Collections.unmodifiableMap(ordered);
    }

    /** No server optimiser: the next global model is the aggregate. */
    public static OptimiserSpec none() {
        return new OptimiserSpec(OptimiserName.NONE, Map.of());
    }

    /** Parses "name[:p1[:p2...]]", e.g. "fedadam:0.01:0.9:0.99:0.001" or "fedadam" (all defaults). */
    public static OptimiserSpec parse(final String canonical) {
        final String[] parts = canonical.trim().toLowerCase(Locale.ROOT).split(":", -1);
        final OptimiserName name = OptimiserName.of(parts[0]);
        if (parts.length - 1 > name.params().size()) {
            throw new IllegalArgumentException("server optimiser '" + canonical + "' takes at most " + name.params().size()
                    + " parameter(s) " + name.paramNames() + "; write it as " + name.usage());
        }
        final Map<String, Double> params = new LinkedHashMap<>();
        for (int i = 0; i < name.params().size(); i++) {
            final OptimiserName.Param p = name.params().get(i);
            if (i + 1 >= parts.length) {
                params.put(p.name(), p.defaultValue());
                continue;
            }
            try {
                params.put(p.name(), Double.parseDouble(parts[i + 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("server optimiser '" + canonical + "': " + p.name()
                        + " must be a number, got '" + parts[i + 1] + "'; write it as " + name.usage());
            }
        }
        return new OptimiserSpec(name, params);
    }

    /** The ledger's form: a name and every parameter by name. */
    public static OptimiserSpec of(final String name, final Map<String, Double> params) {
        return new OptimiserSpec(OptimiserName.of(name), params);
    }

    /** "name:p1:p2...", every parameter written, numbers in their shortest exact form (0.01, 1). */
    public String canonical() {
        final StringBuilder b = new StringBuilder(name.wire());
        params.values().forEach(v -> b.append(':').append(number(v)));
        return b.toString();
    }

    /** A parameter's value. */
    public double param(final String p) {
        final Double v = params.get(p);
        if (v == null) {
            throw new IllegalArgumentException("server optimiser " + name.wire() + " has no parameter " + p);
        }
        return v;
    }

    private static String number(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

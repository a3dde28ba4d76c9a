package dln.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An aggregation rule with its parameters: the one parser of its canonical form
 * ({@code trimmed-mean:0.3}) and of the ledger's form ({@code {"rule": "trimmed-mean",
 * "params": {"beta": 0.3}}}), used by the chaincode to refuse a bad rule at publication and by
 * every client to build the same rule. Bad input is an IllegalArgumentException saying what to
 * write instead; whether a value is in range is the rule's own check.
 *
 * <p>Robust rules take an optional last parameter {@value AggregationRuleName#BUCKET}
 * ({@code median:2}, {@code multi-krum:1:3:2}, ledger {@code "params": {"f": 1, "m": 3,
 * "bucket": 2}}): the bucket size of Karimireddy, He &amp; Jaggi's bucketing. Absent, the rule
 * sees the updates themselves.
 *
 * @param name the rule
 * @param params its parameters by name, in canonical order
 */
public record AggregationSpec(AggregationRuleName name, Map<String, Double> params) {

    public AggregationSpec {
        final List<String> allowed = new ArrayList<>(name.params());
        allowed.addAll(name.optionalParams());
        if (!params.keySet().containsAll(name.params()) || !allowed.containsAll(params.keySet())) {
            throw new IllegalArgumentException("aggregation rule " + name.wire() + " takes " + describeParams(name)
                    + ", got " + params.keySet() + "; write it as " + name.usage());
        }
        final Map<String, Double> ordered = new LinkedHashMap<>();
        for (String p : allowed) {
            final Double v = params.get(p);
            if (v == null && !name.params().contains(p)) {
                continue;
            }
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("aggregation rule " + name.wire() + ": parameter " + p + " must be a finite number");
            }
            ordered.put(p, v);
        }
        params = Collections.unmodifiableMap(ordered);
    }

    /** Parses "name[:p1[:p2]][:bucket]", e.g. "multi-krum:1:3" or, bucketed by 2, "multi-krum:1:3:2". */
    public static AggregationSpec parse(final String canonical) {
        final String[] parts = canonical.trim().toLowerCase(Locale.ROOT).split(":", -1);
        final AggregationRuleName name = AggregationRuleName.of(parts[0]);
        final List<String> positions = new ArrayList<>(name.params());
        positions.addAll(name.optionalParams());
        if (parts.length - 1 < name.params().size() || parts.length - 1 > positions.size()) {
            throw new IllegalArgumentException("aggregation rule '" + canonical + "' takes " + describeParams(name)
                    + "; write it as " + name.usage());
        }
        final Map<String, Double> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            try {
                params.put(positions.get(i - 1), Double.parseDouble(parts[i]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("aggregation rule '" + canonical + "': " + positions.get(i - 1)
                        + " must be a number, got '" + parts[i] + "'; write it as " + name.usage());
            }
        }
        return new AggregationSpec(name, params);
    }

    /** The ledger's form: a rule name and its parameters by name. */
    public static AggregationSpec of(final String rule, final Map<String, Double> params) {
        return new AggregationSpec(AggregationRuleName.of(rule), params);
    }

    /** "name:p1:p2", numbers in their shortest exact form (0.3, 1, 2.5). */
    public String canonical() {
        final StringBuilder b = new StringBuilder(name.wire());
        params.values().forEach(v -> b.append(':').append(number(v)));
        return b.toString();
    }

    /** Whether the spec sets {@code p}: always for a required parameter, for an optional one only if written. */
    public boolean has(final String p) {
        return params.containsKey(p);
    }

    /**
     * The fewest updates the rule is defined on (Multi-Krum: 2f+3 and m+f; bucketing: enough
     * updates for the inner rule's buckets). The ledger reads it to refuse incoherent policies and
     * to record a round whose accepted set is too small as having no aggregate; core's rules
     * report the same numbers (a test holds them together). Parameters are assumed valid.
     */
    public int minimumUpdates() {
        final int inner = name == AggregationRuleName.MULTI_KRUM
                ? (int) Math.max(2 * param("f") + 3, param("m") + param("f"))
                : 1;
        return has(AggregationRuleName.BUCKET) ? (inner - 1) * (int) param(AggregationRuleName.BUCKET) + 1 : inner;
    }

    /** A parameter's value. */
    public double param(final String p) {
        final Double v = params.get(p);
        if (v == null) {
            throw new IllegalArgumentException(name.wire() + " has no parameter " + p);
        }
        return v;
    }

    /** A parameter that must be a whole number (Multi-Krum's f and m, a bucket size, an iteration count). */
    public int intParam(final String p) {
        final double v = param(p);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("aggregation rule " + canonical() + ": " + p + " must be a whole number");
        }
        return (int) v;
    }

    private static String number(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String describeParams(final AggregationRuleName name) {
        final List<String> p = new ArrayList<>(name.params());
        final String required = p.isEmpty() ? "no parameters" : p.size() + " parameter(s) " + p;
        return name.optionalParams().isEmpty() ? required : required + " and optionally " + name.optionalParams();
    }
}

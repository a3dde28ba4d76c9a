package dln.core.aggregation;

import com.google.gson.JsonObject;
import dln.api.AggregationRuleName;
import dln.api.AggregationSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregation-rule registry: the one place a rule's name and parameters
 * ({@link AggregationSpec}, e.g. {@code trimmed-mean:0.3}) become an implementation. Adding a
 * rule: a constant in {@link dln.api.AggregationRuleName} and one line here (the switch is
 * exhaustive, so the compiler asks for it). Unknown names and bad parameters are
 * IllegalArgumentExceptions saying what to write; nothing falls back to another rule.
 *
 * <p>A robust rule written with its optional bucket size ({@code median:2},
 * {@code multi-krum:1:3:2}) becomes {@link Bucketing} around that rule.
 */
public final class AggregationRules {

    private AggregationRules() {
    }

    /** The rule {@code spec} names. */
    public static AggregationRule build(final AggregationSpec spec) {
        final AggregationRule rule = switch (spec.name()) {
            case FEDAVG -> new FedAvg();
            case MEDIAN -> new CoordinateMedian();
            case TRIMMED_MEAN -> new TrimmedMean(spec.param("beta"));
            case MULTI_KRUM -> new MultiKrum(spec.intParam("f"), spec.intParam("m"));
            case NORM_CLIP -> new NormClippedFedAvg(spec.param("clip"));
            case ADAPTIVE_CLIP -> NormClippedFedAvg.relative(spec.param("factor"));
            case CENTERED_CLIP -> new CenteredClip(spec.param("tau"), spec.intParam("iterations"));
            case FEDNOVA -> new FedNova(spec.param("batch"));
        };
        return spec.has(AggregationRuleName.BUCKET) ? new Bucketing(spec.intParam(AggregationRuleName.BUCKET), rule) : rule;
    }

    /** The rule a command line or plan names, e.g. "multi-krum:1:3". */
    public static AggregationRule parse(final String canonical) {
        return build(AggregationSpec.parse(canonical));
    }

    /** The rule a model record declares: its name and named parameters. */
    public static AggregationRule fromLedger(final String rule, final JsonObject params) {
        final Map<String, Double> values = new LinkedHashMap<>();
        if (params != null) {
            params.keySet().forEach(k -> values.put(k, params.get(k).getAsDouble()));
        }
        return build(AggregationSpec.of(rule, values));
    }

    /** The ledger's {rule, params} for a rule written as "name:p1:p2"; checked by building it first. */
    public static JsonObject toLedger(final String canonical) {
        final AggregationSpec spec = AggregationSpec.parse(canonical);
        build(spec);
        final JsonObject params = new JsonObject();
        spec.params().forEach(params::addProperty);
        final JsonObject o = new JsonObject();
        o.addProperty("rule", spec.name().wire());
        o.add("params", params);
        return o;
    }
}

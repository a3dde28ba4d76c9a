package dln.core.optimiser;

import com.google.gson.JsonObject;
import dln.api.OptimiserSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-optimiser registry: the one place an optimiser's name and parameters
 * ({@link OptimiserSpec}, e.g. {@code fedadam:0.01:0.9:0.99:0.001}) become an implementation,
 * mirroring {@link dln.core.aggregation.AggregationRules}. Adding one: a constant in
 * {@link dln.api.OptimiserName} and one line here (the switch is exhaustive). Unknown names and
 * bad parameters are IllegalArgumentExceptions saying what to write.
 */
public final class ServerOptimisers {

    private ServerOptimisers() {
    }

    /** The optimiser {@code spec} names. */
    public static ServerOptimiser build(final OptimiserSpec spec) {
        return switch (spec.name()) {
            case NONE -> new NoOptimiser();
            case FEDAVGM -> new FedAvgM(spec.param("lr"), spec.param("momentum"));
            case FEDADAM -> new FedAdam(spec.param("lr"), spec.param("beta1"), spec.param("beta2"), spec.param("tau"));
            case FEDYOGI -> new FedYogi(spec.param("lr"), spec.param("beta1"), spec.param("beta2"), spec.param("tau"));
        };
    }

    /** The optimiser a command line or plan names, e.g. "fedadam" (defaults) or "fedavgm:1:0.9". */
    public static ServerOptimiser parse(final String canonical) {
        return build(OptimiserSpec.parse(canonical));
    }

    /** The optimiser a model record declares: its name and every parameter by name. */
    public static ServerOptimiser fromLedger(final String name, final JsonObject params) {
        final Map<String, Double> values = new LinkedHashMap<>();
        if (params != null) {
            params.keySet().forEach(k -> values.put(k, params.get(k).getAsDouble()));
        }
        return build(OptimiserSpec.of(name, values));
    }

    /** The ledger's {name, params} for an optimiser as a command line writes it, every default filled in; checked by building it first. */
    public static JsonObject toLedger(final String canonical) {
        final OptimiserSpec spec = OptimiserSpec.parse(canonical);
        build(spec);
        final JsonObject params = new JsonObject();
        spec.params().forEach(params::addProperty);
        final JsonObject o = new JsonObject();
        o.addProperty("name", spec.name().wire());
        o.add("params", params);
        return o;
    }
}

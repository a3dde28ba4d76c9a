package dln.core.protocol;

import com.google.gson.JsonObject;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.core.ledger.view.ModelView;

/**
 * Maps an aggregation rule between its CLI form ("trimmed-mean:0.2", "multi-krum:1:3") and the
 * ledger's form (a rule name and named numeric parameters), so every participant builds the same
 * rule from the model record.
 */
public final class RuleOnLedger {

    private RuleOnLedger() {}

    /** The ledger's {rule, params} for a CLI rule spec; throws IllegalArgumentException naming the known rules. */
    public static JsonObject toLedger(final String cliSpec) {
        AggregationRules.parse(cliSpec);
        final String[] p = cliSpec.trim().toLowerCase(java.util.Locale.ROOT).split(":");
        final JsonObject params = new JsonObject();
        switch (p[0]) {
            case "trimmed-mean" -> params.addProperty("beta", Double.parseDouble(p[1]));
            case "multi-krum" -> {
                params.addProperty("f", Integer.parseInt(p[1]));
                params.addProperty("m", Integer.parseInt(p[2]));
            }
            case "norm-clip" -> params.addProperty("clip", Double.parseDouble(p[1]));
            default -> { }
        }
        final JsonObject o = new JsonObject();
        o.addProperty("rule", p[0]);
        o.add("params", params);
        return o;
    }

    /** The rule a model record declares. */
    public static AggregationRule fromLedger(final ModelView.Aggregation a) {
        final JsonObject params = a.params() == null ? new JsonObject() : a.params();
        final String spec = switch (a.rule()) {
            case "trimmed-mean" -> "trimmed-mean:" + params.get("beta").getAsDouble();
            case "multi-krum" -> "multi-krum:" + params.get("f").getAsInt() + ":" + params.get("m").getAsInt();
            case "norm-clip" -> "norm-clip:" + params.get("clip").getAsDouble();
            default -> a.rule();
        };
        return AggregationRules.parse(spec);
    }
}

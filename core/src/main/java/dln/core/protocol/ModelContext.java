package dln.core.protocol;

import com.google.gson.Gson;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.api.view.ModelView;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;

/**
 * A model record made usable: its architecture planned and checked against the hash on the
 * ledger, and its aggregation rule built.
 */
public record ModelContext(ModelView model, ArchitecturePlan plan, AggregationRule rule) {

    /**
     * @throws ProtocolException ARCHITECTURE_INVALID when the ledger's architecture cannot be built
     *         or does not hash to the recorded value
     */
    public static ModelContext of(final ModelView model) {
        final ArchitecturePlan plan;
        try {
            plan = ArchitecturePlan.of(new Gson().fromJson(model.architecture(), ArchitectureSpec.class));
        } catch (RuntimeException e) {
            throw new ProtocolException("ARCHITECTURE_INVALID", "model " + model.id() + " has an architecture this client cannot build: " + e.getMessage());
        }
        if (!plan.hash().equals(model.architectureHash())) {
            throw new ProtocolException("ARCHITECTURE_INVALID", "model " + model.id() + ": architecture hashes to " + plan.hash()
                    + " but the ledger says " + model.architectureHash());
        }
        final AggregationRule rule;
        try {
            rule = AggregationRules.fromLedger(model.aggregation().rule(), model.aggregation().params());
        } catch (RuntimeException e) {
            throw new ProtocolException("RULE_UNKNOWN", "model " + model.id() + " declares an aggregation rule this client cannot build: "
                    + e.getMessage());
        }
        return new ModelContext(model, plan, rule);
    }

    public String id() {
        return model.id();
    }

    public String architectureHash() {
        return model.architectureHash();
    }

    public int parameterCount() {
        return plan.parameterCount();
    }
}

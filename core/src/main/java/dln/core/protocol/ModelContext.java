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
public record ModelContext(ModelView model, ArchitecturePlan plan, AggregationRule rule, dln.core.optimiser.ServerOptimiser optimiser) {

    /** A context without a server optimiser (the aggregate is the next start). */
    public ModelContext(final ModelView model, final ArchitecturePlan plan, final AggregationRule rule) {
        this(model, plan, rule, new dln.core.optimiser.NoOptimiser());
    }

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
        final dln.core.optimiser.ServerOptimiser optimiser;
        try {
            optimiser = model.optimiser() == null ? new dln.core.optimiser.NoOptimiser()
                    : dln.core.optimiser.ServerOptimisers.fromLedger(model.optimiser().name(), model.optimiser().params());
        } catch (RuntimeException e) {
            throw new ProtocolException("OPTIMISER_UNKNOWN", "model " + model.id() + " declares a server optimiser this client cannot build: "
                    + e.getMessage());
        }
        return new ModelContext(model, plan, rule, optimiser);
    }

    public String id() {
        return model.id();
    }

    public String architectureHash() {
        return model.architectureHash();
    }

    public long parameterCount() {
        return plan.parameterCount();
    }
}

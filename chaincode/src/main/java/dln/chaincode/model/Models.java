package dln.chaincode.model;

import dln.api.ModelStatus;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Rule;
import dln.chaincode.rule.Violation;

/** Loads a model or fails with MODEL_NOT_FOUND. */
public final class Models {

    private Models() {
    }

    public static Model load(final Ledger ledger, final String modelId) {
        Ids.checkModel(modelId);
        return ledger.read(Keys.model(modelId), Model.class)
                .orElseThrow(() -> Violation.of(Rule.MODEL_NOT_FOUND, "no model '" + modelId + "'; check the id returned by PublishModel"));
    }

    /** The model's aggregation rule as the shared parser reads it (checked at publication). */
    public static dln.api.AggregationSpec rule(final Model m) {
        final com.google.gson.JsonObject params = m.aggregation().params();
        final java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        if (params != null) {
            params.keySet().forEach(k -> values.put(k, params.get(k).getAsDouble()));
        }
        return dln.api.AggregationSpec.of(m.aggregation().rule(), values);
    }

    public static Model requireOpen(final Model m) {
        if (m.status() != ModelStatus.OPEN) {
            throw Violation.of(Rule.MODEL_NOT_OPEN, "model " + m.id() + " is " + m.status().wire() + "; updates and scores need an open model");
        }
        return m;
    }
}

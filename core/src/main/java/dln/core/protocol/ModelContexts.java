package dln.core.protocol;

import com.google.gson.JsonObject;
import dln.api.Metric;
import dln.api.view.ModelView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contexts of the model records one participant reads, made once per model definition. A
 * member makes one in every pass and a provider in every step, from a record read again each time;
 * planning its architecture, reading its recipe and building its rule and optimiser were 10 % of a
 * committee member's CPU by JFR (docs/performance.md, twenty-seventh session). A record read again
 * with another status, round or vote gets a context over itself, from the parts made for its
 * definition (they depend on nothing else). A record that fails its checks is checked again each
 * time. Thread-safe.
 */
final class ModelContexts {

    /** Definitions kept, the least recently used dropped first: a participant serves a few models. */
    private static final int KEPT = 16;

    /** What {@link ModelContext#of} reads of a record. */
    private record Definition(String id, JsonObject architecture, String architectureHash, ModelView.Aggregation aggregation,
                              ModelView.Optimiser optimiser, JsonObject recipe, Metric metric) {

        static Definition of(final ModelView m) {
            return new Definition(m.id(), m.architecture(), m.architectureHash(), m.aggregation(), m.optimiser(), m.recipe(), m.metric());
        }
    }

    private final Map<Definition, ModelContext> made = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<Definition, ModelContext> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * What {@link ModelContext#of} gives for {@code model}.
     *
     * @throws ProtocolException as {@link ModelContext#of}
     */
    synchronized ModelContext of(final ModelView model) {
        final Definition d = Definition.of(model);
        ModelContext c = made.get(d);
        if (c == null) {
            c = ModelContext.of(model);
            made.put(d, c);
        }
        return new ModelContext(model, c.plan(), c.rule(), c.optimiser());
    }
}

package dln.core.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The validated, canonically ordered input of an aggregation rule.
 *
 * <p>Every participant must obtain identical bits, so the order of the updates is not left to
 * the caller: the constructor sorts them by {@link ModelUpdate#updateId}, the key each carries
 * (lexicographic by UTF-16 code unit, which equals byte order for ASCII keys; the protocol passes
 * content keys, the weights' CIDs, so the same updates sum in the same order in every run) and
 * rejects duplicates, empty input,
 * vectors of different lengths and non-finite values.
 */
public final class AggregationInput {
    private final List<ModelUpdate> updates;
    private final float[] reference;
    private final int dimension;

    private AggregationInput(List<ModelUpdate> updates, float[] reference) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("aggregation needs at least one update");
        }
        List<ModelUpdate> sorted = new ArrayList<>(updates);
        sorted.sort(Comparator.comparing(ModelUpdate::updateId));
        int dim = sorted.get(0).params().length;
        for (int i = 0; i < sorted.size(); i++) {
            ModelUpdate u = sorted.get(i);
            if (i > 0 && u.updateId().equals(sorted.get(i - 1).updateId())) {
                throw new IllegalArgumentException("duplicate update id " + u.updateId());
            }
            if (u.params().length != dim) {
                throw new IllegalArgumentException("update " + u.updateId() + " has " + u.params().length
                        + " parameters, expected " + dim);
            }
            requireFinite(u.params(), "update " + u.updateId());
        }
        if (reference != null) {
            if (reference.length != dim) {
                throw new IllegalArgumentException("reference has " + reference.length
                        + " parameters, expected " + dim);
            }
            requireFinite(reference, "reference");
        }
        this.updates = List.copyOf(sorted);
        this.reference = reference;
        this.dimension = dim;
    }

    /** Input without a reference model (enough for every rule except norm clipping). */
    public static AggregationInput of(List<ModelUpdate> updates) {
        return new AggregationInput(updates, null);
    }

    /**
     * Input with a reference model: the parameters the updates started from (the previous
     * global model, i.e. the aggregate the round began with); norm clipping and centered
     * clipping measure each update's distance to it. {@code null} means no reference.
     */
    public static AggregationInput of(List<ModelUpdate> updates, float[] reference) {
        return new AggregationInput(updates, reference);
    }

    /** The updates in canonical order (by key). */
    public List<ModelUpdate> updates() {
        return updates;
    }

    /** The reference model, if given. */
    public Optional<float[]> reference() {
        return Optional.ofNullable(reference);
    }

    /** This input, checked to hold everything {@code rule} needs; IllegalArgumentException naming what is missing. */
    public AggregationInput require(AggregationRule rule) {
        if (rule.needs().contains(RuleInput.REFERENCE) && reference == null) {
            throw new IllegalArgumentException("aggregation rule " + rule.describe()
                    + " needs the reference vector the updates started from; pass it with the updates");
        }
        return this;
    }

    /** Number of parameters of every vector. */
    public int dimension() {
        return dimension;
    }

    /** Number of updates. */
    public int size() {
        return updates.size();
    }

    private static void requireFinite(float[] v, String what) {
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw new IllegalArgumentException(what + ": non-finite value " + v[j] + " at index " + j);
            }
        }
    }
}

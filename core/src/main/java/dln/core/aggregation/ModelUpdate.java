package dln.core.aggregation;

import java.util.Objects;

/**
 * One participant's parameter vector as an input to aggregation.
 *
 * <p>The array is not copied: aggregating 16 LeNet vectors must not double the memory, so the
 * caller hands over ownership and must not modify {@code params} afterwards.
 *
 * @param updateId the update's key, which fixes the canonical order of the inputs: the protocol
 *                 passes {@code Aggregates#keys} (the weights CID, a content key)
 * @param params   the flat parameter vector (finite values)
 * @param samples  the number of training examples behind the update (the FedAvg weight), &gt; 0
 */
public record ModelUpdate(String updateId, float[] params, long samples) {
    public ModelUpdate {
        Objects.requireNonNull(updateId, "updateId");
        Objects.requireNonNull(params, "params");
        if (samples <= 0) {
            throw new IllegalArgumentException("update " + updateId + ": samples must be > 0, got " + samples);
        }
    }
}

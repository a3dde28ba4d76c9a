package dln.core.model;

import dln.core.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A plan's layers with a flat parameter vector, as training and evaluation use them: a forward
 * pass, a forward and backward pass into a flat gradient, and the parameters as one flat array
 * an optimiser steps in place. {@link #of} is the one place that chooses the engine.
 * Implementations are not thread-safe.
 */
public interface Network {

    /**
     * The engine for {@code plan}: {@link DirectNetwork} when it runs every layer and the head
     * ({@link DirectNetwork#supports}), several times faster on small models; otherwise the
     * SameDiff graph of {@link SameDiffNetwork}, which runs them all.
     */
    static Network of(ArchitecturePlan plan, float[] params) {
        return DirectNetwork.supports(plan) ? DirectNetwork.of(plan, params) : SameDiffEngine.of(plan, params);
    }

    /** The plan. */
    ArchitecturePlan plan();

    /** Overwrites every parameter from a flat vector. */
    void setParameters(float[] values);

    /** The current parameters as a new flat vector. */
    float[] getParameters();

    /** The flat parameters [1, P]; the optimiser steps them in place. */
    INDArray parameters();

    /** The flat gradient [1, P] of the last {@link #gradient} call (0 for the batch-norm running statistics). */
    INDArray gradients();

    /**
     * Forward and backward pass, in training mode, on the {@code n} examples of {@code data} at
     * positions {@code start..start+n-1} of {@code order}: fills {@link #gradients()} and returns
     * the batch's mean loss.
     */
    double gradient(Dataset data, int[] order, int start, int n);

    /**
     * Called after the optimiser has stepped {@link #parameters()}: stores what the last
     * {@link #gradient} computed besides gradients (the batch-norm running statistics), so
     * neither the optimiser nor a proximal term moves them.
     */
    default void finishStep() {
    }

    /** Seeds the dropout masks of the following {@link #gradient} calls. */
    default void seed(long seed) {
    }

    /**
     * The head's outputs [n, outputUnits] in inference mode for the {@code n} examples at
     * positions {@code start..start+n-1} of {@code order}. The array may be a buffer of the
     * network, overwritten by the next call.
     */
    INDArray predict(Dataset data, int[] order, int start, int n);

    /** The head's outputs for {@code n} rows of features (row-major), in inference mode. */
    default INDArray predict(float[] features, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Only the features are read; the labels are placeholders.
        return predict(new Dataset(features, new int[n], features.length / n, 2), order, 0, n);
    }
}

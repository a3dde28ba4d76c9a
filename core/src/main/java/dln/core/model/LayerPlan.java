package dln.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A layer with its inferred shapes.
 *
 * @param index    position in the spec
 * @param spec     the layer
 * @param inShape  [features] or [channels, height, width]
 * @param outShape likewise
 * @param weight   its weight tensor, if any
 * @param biasParam its bias tensor, if any
 */
public record LayerPlan(int index, LayerSpec spec, List<Integer> inShape, List<Integer> outShape,
                        Optional<ParamSpec> weight, Optional<ParamSpec> biasParam) {
    public LayerPlan {
        inShape = List.copyOf(inShape);
        outShape = List.copyOf(outShape);
    }

    /** Product of the input shape (the width seen by a dense layer after flattening). */
    public int inSize() {
        return inShape.stream().reduce(1, (a, b) -> a * b);
    }
}

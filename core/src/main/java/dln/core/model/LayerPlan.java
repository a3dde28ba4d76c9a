package dln.core.model;

import java.util.List;
import java.util.Optional;

/**
 * A layer with its inferred shapes and parameter tensors.
 *
 * @param index    position in the spec
 * @param spec     the layer
 * @param inShape  [features] or [channels, height, width]
 * @param outShape likewise
 * @param params   its parameter tensors in flat-vector order (empty for a layer without any)
 */
public record LayerPlan(int index, LayerSpec spec, List<Integer> inShape, List<Integer> outShape,
                        List<ParamSpec> params) {
    public LayerPlan {
        inShape = List.copyOf(inShape);
        outShape = List.copyOf(outShape);
        params = List.copyOf(params);
    }

    /** Its weight tensor (dense, conv2d, output), if any. */
    public Optional<ParamSpec> weight() {
        return param(ParamSpec.Role.WEIGHT);
    }

    /** Its bias tensor (dense, conv2d, output), if any. */
    public Optional<ParamSpec> biasParam() {
        return param(ParamSpec.Role.BIAS);
    }

    /** Its first tensor of {@code role}, if any. */
    public Optional<ParamSpec> param(ParamSpec.Role role) {
        return params.stream().filter(p -> p.role() == role).findFirst();
    }

    /** Product of the input shape (the width seen by a dense layer after flattening). */
    public int inSize() {
        return inShape.stream().reduce(1, Math::multiplyExact);
    }

    /** Product of the output shape. */
    public int outSize() {
        return outShape.stream().reduce(1, Math::multiplyExact);
    }

    /** Where error messages name this layer: {@code layer 3 (add)}. */
    public String where() {
        return "layer " + index + " (" + spec.type() + ")";
    }
}

package dln.core.model;

import java.util.List;

/**
 * The architecture: input shape and layers. This, and only this, is hashed into the
 * architecture hash that weight files and the ledger carry (training settings and the seed do
 * not change which weight vectors fit).
 *
 * @param input  {@code [features]} for dense input, or {@code [channels, height, width]} for images
 *               (the examples are still flat rows, read in c-order as CHW)
 * @param layers the layers, the last of type {@code output}
 */
public record ArchitectureSpec(List<Integer> input, List<LayerSpec> layers) {
    public ArchitectureSpec {
        input = List.copyOf(input);
        layers = List.copyOf(layers);
    }
}

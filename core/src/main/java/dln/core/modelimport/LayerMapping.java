package dln.core.modelimport;

/**
 * How one kind of source layer (a Keras class, an ONNX operator) becomes dln layers: one entry
 * of a format's table.
 *
 * @param <L> the format's view of one layer
 */
@FunctionalInterface
interface LayerMapping<L> {

    /**
     * Adds what {@code layer} becomes to {@code into}.
     *
     * @throws UnsupportedModelException when its settings cannot be reproduced in dln
     */
    void map(L layer, SpecAssembler into);
}

package dln.core.model;

import java.util.List;

/**
 * One parameter tensor's place in the flat vector.
 *
 * @param name   graph variable name, {@code l<layer>_W} or {@code l<layer>_b}
 * @param layer  index of the layer in the spec
 * @param bias   true for a bias, false for weights
 * @param shape  dense W: [nIn, nOut]; conv W: [kH, kW, inChannels, outChannels]; b: [n]
 * @param offset first index in the flat vector
 * @param fanIn  inputs per output unit (Xavier initialisation)
 * @param fanOut outputs per input unit (Xavier initialisation)
 */
public record ParamSpec(String name, int layer, boolean bias, List<Integer> shape, int offset, int fanIn, int fanOut) {
    public ParamSpec {
        shape = List.copyOf(shape);
    }

    /** Number of values. */
    public int length() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The shape as longs for ND4J. */
    public long[] shapeLongs() {
        return shape.stream().mapToLong(Integer::longValue).toArray();
    }
}

package dln.core.model;

import java.util.List;

/**
 * One parameter tensor's place in the flat vector. Offsets, lengths and fans are {@code long}:
 * a plan of any size computes without overflow; {@link #arrayOffset()} and {@link #arrayLength()}
 * are the {@code int} forms for code that indexes a Java array, and refuse beyond 2^31-1.
 *
 * @param name   graph variable name: {@code l<layer>_W}, {@code l<layer>_b}, {@code l<layer>_gamma},
 *               {@code l<layer>_beta}, {@code l<layer>_mean}, {@code l<layer>_var}, {@code l<layer>_E<k>}
 * @param layer  index of the layer in the spec
 * @param role   what the tensor is (weights, bias, batch-norm scale/shift/statistics, embedding table)
 * @param shape  dense W: [nIn, nOut]; conv W: [kH, kW, inChannels, outChannels]; b, gamma, beta,
 *               mean, var: [n]; embedding table: [cardinality, units]
 * @param offset first index in the flat vector
 * @param fanIn  inputs per output unit (Xavier initialisation)
 * @param fanOut outputs per input unit (Xavier initialisation)
 */
public record ParamSpec(String name, int layer, Role role, List<Integer> shape, long offset, long fanIn, long fanOut) {
    /** What a parameter tensor is, which fixes its initial value and whether gradients train it. */
    public enum Role {
        /** Dense or conv weights: Xavier uniform, trained. */
        WEIGHT,
        /** A bias: 0, trained. */
        BIAS,
        /** Batch-norm scale: 1, trained. */
        GAMMA,
        /** Batch-norm shift: 0, trained. */
        BETA,
        /** Batch-norm running mean: 0, not trained (updated by the forward pass in training). */
        RUNNING_MEAN,
        /** Batch-norm running variance: 1, not trained (updated by the forward pass in training). */
        RUNNING_VAR,
        /** An embedding table: Xavier uniform, trained. */
        EMBEDDING;

        /** True when gradients train the tensor; false for the batch-norm running statistics. */
        public boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VAR;
        }

        /** True when the initial values are drawn at random (weights and embedding tables). */
        public boolean random() {
            return this == WEIGHT || this == EMBEDDING;
        }
    }

    public ParamSpec {
        shape = List.copyOf(shape);
    }

    /** True for a bias. */
    public boolean bias() {
        return role == Role.BIAS;
    }

    /** True when gradients train this tensor. */
    public boolean trainable() {
        return role.trainable();
    }

    /** Number of values. */
    public long length() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** {@link #offset()} as an array index; refuses a tensor beyond what a Java array holds. */
    public int arrayOffset() {
        ArchitecturePlan.checkArrayEnd(offset + length(), name);
        return (int) offset;
    }

    /** {@link #length()} as an array length; refuses a tensor beyond what a Java array holds. */
    public int arrayLength() {
        ArchitecturePlan.checkArrayEnd(offset + length(), name);
        return (int) length();
    }

    /** The shape as longs for ND4J. */
    public long[] shapeLongs() {
        return shape.stream().mapToLong(Integer::longValue).toArray();
    }
}

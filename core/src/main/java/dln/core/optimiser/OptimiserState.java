package dln.core.optimiser;

import java.util.Arrays;
import java.util.List;

/**
 * A server optimiser's state between rounds: zero or more vectors of the model's dimension
 * (FedAvgM: the momentum m; FedAdam and FedYogi: m then the second moment v; none: nothing).
 *
 * <p>Float vectors so the state can be stored like a model, as one weight file of
 * {@code count() * dimension} floats ({@link #flatten()}, {@link #unflatten}). The arrays are
 * not copied (a LeNet state is megabytes): whoever builds a state hands them over and must not
 * modify them afterwards.
 *
 * @param vectors the state vectors, all of one length
 */
public record OptimiserState(List<float[]> vectors) {

    public OptimiserState {
        vectors = List.copyOf(vectors);
        for (float[] v : vectors) {
            if (v.length != vectors.get(0).length) {
                throw new IllegalArgumentException("optimiser state vectors must have one length, got "
                        + vectors.stream().map(a -> a.length).toList());
            }
        }
    }

    /** The state of an optimiser that keeps none. */
    public static OptimiserState empty() {
        return new OptimiserState(List.of());
    }

    /** A state of the given vectors. */
    public static OptimiserState of(float[]... vectors) {
        return new OptimiserState(List.of(vectors));
    }

    /** How many vectors the state holds. */
    public int count() {
        return vectors.size();
    }

    /** Vector {@code k}, e.g. 0 for m and 1 for v. */
    public float[] vector(final int k) {
        return vectors.get(k);
    }

    /** The vectors one after another: {@code count() * dimension} floats, to store as one weight file. */
    public float[] flatten() {
        final int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        final float[] flat = new float[vectors.size() * dim];
        for (int k = 0; k < vectors.size(); k++) {
            System.arraycopy(vectors.get(k), 0, flat, k * dim, dim);
        }
        return flat;
    }

    /** The state {@link #flatten()} wrote, for a model of {@code dimension} parameters. */
    public static OptimiserState unflatten(final float[] flat, final int dimension) {
        if (dimension < 1 || flat.length % dimension != 0) {
            throw new IllegalArgumentException("an optimiser state for a model of " + dimension
                    + " parameters is a whole number of vectors of that many floats; got " + flat.length + " floats");
        }
        final float[][] vs = new float[flat.length / dimension][];
        for (int k = 0; k < vs.length; k++) {
            vs[k] = Arrays.copyOfRange(flat, k * dimension, (k + 1) * dimension);
        }
        return of(vs);
    }

    /** Equal when the vectors hold the same floats (bit for bit, as {@link Arrays#equals(float[], float[])}). */
    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof OptimiserState other) || other.vectors.size() != vectors.size()) {
            return false;
        }
        for (int k = 0; k < vectors.size(); k++) {
            if (!Arrays.equals(vectors.get(k), other.vectors.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (float[] v : vectors) {
            h = 31 * h + Arrays.hashCode(v);
        }
        return h;
    }

    @Override
    public String toString() {
        return "OptimiserState[" + vectors.size() + " x " + (vectors.isEmpty() ? 0 : vectors.get(0).length) + "]";
    }
}

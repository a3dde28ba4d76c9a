package dln.core.weights;

import java.io.IOException;

/**
 * A flat parameter vector read by ranges, so that a vector larger than the heap (or than one
 * Java array) can be processed chunk by chunk: a weight file on disk ({@link WeightFileSource})
 * or an array in memory ({@link #of(float[])}). Indices are 64-bit.
 */
public interface ParameterSource {

    /** Length of the vector. */
    long parameterCount();

    /**
     * Copies parameters {@code from .. from + length - 1} into {@code dst[offset ..]}.
     *
     * @throws IndexOutOfBoundsException if the range leaves the vector or the array
     * @throws IOException               if the underlying file cannot be read
     * @throws WeightFormatException     if a value read is not finite
     */
    void read(long from, float[] dst, int offset, int length) throws IOException;

    /**
     * The whole vector as one array (a copy), for a vector that fits in one.
     *
     * @throws ArithmeticException if it has more parameters than a Java array holds
     */
    default float[] readAll() throws IOException {
        final float[] v = new float[Math.toIntExact(parameterCount())];
        read(0, v, 0, v.length);
        return v;
    }

    /** A source over an array in memory (not copied: the caller must not change it meanwhile). */
    static ParameterSource of(final float[] params) {
        return new ParameterSource() {
            @Override
            public long parameterCount() {
                return params.length;
            }

            @Override
            public void read(final long from, final float[] dst, final int offset, final int length) {
                java.util.Objects.checkFromIndexSize(from, length, params.length);
                System.arraycopy(params, (int) from, dst, offset, length);
            }
        };
    }
}

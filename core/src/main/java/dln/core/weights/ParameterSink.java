package dln.core.weights;

import java.io.IOException;

/**
 * Where a flat parameter vector is written in order, chunk by chunk: a weight file being
 * streamed ({@link WeightFileWriter}) or an array ({@link #into(float[])}).
 */
public interface ParameterSink {

    /** Appends {@code values[offset .. offset + length - 1]} after what was written before. */
    void write(float[] values, int offset, int length) throws IOException;

    /** A sink that fills {@code target} from index 0; writing past its end is an IndexOutOfBoundsException. */
    static ParameterSink into(final float[] target) {
        return new ParameterSink() {
            private int next;

            @Override
            public void write(final float[] values, final int offset, final int length) {
                System.arraycopy(values, offset, target, next, length);
                next += length;
            }
        };
    }
}

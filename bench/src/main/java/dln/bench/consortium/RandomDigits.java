package dln.bench.consortium;

import dln.core.data.Dataset;
import java.util.SplittableRandom;

/**
 * MNIST-shaped examples of uniform noise, labels cycling through the ten classes: data for the
 * benchmarks that measure the protocol, not learning (the committee decrypts and evaluates its
 * fragments, the scores mean nothing).
 */
public final class RandomDigits {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    private RandomDigits() {
    }

    /** {@code n} examples drawn from {@code seed}. */
    public static Dataset of(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] x = new float[n * FEATURES];
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) r.nextDouble();
            }
        }
        return new Dataset(x, y, FEATURES, CLASSES);
    }
}

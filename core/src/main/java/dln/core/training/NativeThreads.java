package dln.core.training;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins ND4J's native thread count. Measured on 2 cores: the MLP trains 2-3x faster on one thread,
 * and a fixed count keeps training bit-reproducible on one machine. Prefer also exporting
 * {@code OMP_NUM_THREADS} (read when the natives load) and {@code OMP_WAIT_POLICY=PASSIVE}.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /** Sets the native (OpenMP) and master thread counts. */
    public static void pin(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** {@code OMP_NUM_THREADS} if set, else 1. */
    public static int fromEnvironment() {
        String v = System.getenv("OMP_NUM_THREADS");
        try {
            return v == null ? 1 : Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

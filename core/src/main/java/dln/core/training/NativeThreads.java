package dln.core.training;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's native thread count: the one setting, {@code OMP_NUM_THREADS} (the launcher exports it,
 * defaulting to the cores available to the process; ND4J reads it when its natives load), which
 * {@link #pin} can also apply at run time. A fixed count keeps training bit-reproducible on one
 * machine. With the direct engine (docs/performance.md) both built-in models train faster on
 * every core than on one.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * Sets the native (OpenMP) and master thread counts, and OpenBLAS's, which the direct engine
     * calls itself for its matrix products (OpenBLAS otherwise keeps the count it read from the
     * environment when it loaded).
     */
    public static void pin(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** {@code OMP_NUM_THREADS} if set to a positive number, else the cores available to this process. */
    public static int fromEnvironment() {
        String v = System.getenv("OMP_NUM_THREADS");
        int available = Runtime.getRuntime().availableProcessors();
        try {
            return v == null ? available : Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return available;
        }
    }
}

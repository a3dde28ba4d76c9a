package dln.core.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

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
     * Runs the calling thread's native ops on {@code threads} threads: ND4J's own thread counts and
     * the OpenMP team size of this thread ({@code omp_set_num_threads}, which libnd4j's parallel
     * loops and oneDNN's convolutions and products both use; without it they keep the team size
     * {@code OMP_NUM_THREADS} gave, so {@code --threads 1} under the launcher still ran them on
     * two threads). OpenBLAS is held at one thread whatever {@code threads}: the engine calls it
     * only for the first convolution's small per-example products ({@code FirstConvGradient}),
     * which gain nothing from a second thread, while an idle OpenBLAS worker spins on
     * {@code sched_yield} between calls and took 14 % of a two-thread LeNet run from the OpenMP
     * team on two cores (docs/performance.md, "Fifth round").
     */
    public static void pin(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /**
     * The native team size of the calling thread: what {@link #pin} set on it, else
     * {@code OMP_NUM_THREADS}, else the cores.
     */
    public static int ofThisThread() {
        return Math.max(1, ops().ompGetMaxThreads());
    }

    /**
     * Runs {@code work} with the calling thread's native ops on one thread (OpenMP's team size is
     * per thread), then restores the team size it had: for work that is spread over several Java
     * threads instead.
     */
    public static void singleThreaded(Runnable work) {
        singleThreaded(() -> {
            work.run();
            return null;
        });
    }

    /** {@link #singleThreaded(Runnable)} for work with a result. */
    public static <T> T singleThreaded(java.util.function.Supplier<T> work) {
        var ops = ops();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    /**
     * The native ops, ND4J's backend loaded first: NativeOpsHolder alone, before anything else in
     * the process touched ND4J, fails on the backend's missing properties (a fresh provider's
     * first training asks for its team size before it makes an array).
     */
    private static org.nd4j.nativeblas.NativeOps ops() {
        Nd4j.getEnvironment();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
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

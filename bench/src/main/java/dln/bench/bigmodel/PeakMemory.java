package dln.bench.bigmodel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process over one step: the heap (the sum of the heap pools' peak use, an
 * upper bound of the heap's peak) and the resident set (Linux's VmHWM, reset by writing 5 to
 * /proc/self/clear_refs; it covers ND4J's off-heap buffers too).
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Peaks of one step, in bytes; rss is -1 where the kernel does not tell. */
    record Peak(long heap, long rss) {}

    private PeakMemory() {
    }

    /** Starts a step: collects the previous steps' garbage and resets the peaks. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | SecurityException e) {
            // No reset: the RSS peak is then the process's since it started, still an upper bound.
        }
    }

    /** The peaks since {@link #reset()}. */
    static Peak read() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        return new Peak(heap, rssPeak());
    }

    private static long rssPeak() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

package dln.ipfs.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends blocking reads that wait too long for the node, by running a stall action (closing the
 * connection) once a watched read has seen no progress for its limit.
 *
 * <p>Why by hand: {@link java.net.HttpURLConnection} fixes its socket's read timeout when it
 * connects, and a content answer needs two in turn (how long the node may look for content before
 * it answers, then how long a read may wait mid-body). The JDK has no per-phase timeout for
 * blocking HTTP reads, and no library on the project's list offers one.
 *
 * <p>One daemon thread, started on first use and ended after a few idle seconds; each watch
 * holds at most one scheduled check, which reschedules itself while reads make progress, so a
 * read costs a clock reading, not a timer operation.
 */
final class ReadWatchdog {
    private final ScheduledThreadPoolExecutor timer;

    ReadWatchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kubo-read-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts watching.
     *
     * @param limit   how long without progress until {@code onStall} runs
     * @param onStall what ends the stalled read (it runs on the watchdog's thread, at most once)
     * @return the watch, to report progress to, change the limit of, and close
     */
    Watch watch(Duration limit, Runnable onStall) {
        Watch w = new Watch(limit, onStall);
        w.schedule(w.limitNanos);
        return w;
    }

    /** One watched exchange; thread-safe. */
    final class Watch implements AutoCloseable {
        private final Runnable onStall;
        private volatile long lastProgress = System.nanoTime();
        private volatile long limitNanos;
        private volatile boolean fired;
        private volatile boolean closed;
        private ScheduledFuture<?> check;

        private Watch(Duration limit, Runnable onStall) {
            this.limitNanos = limit.toNanos();
            this.onStall = onStall;
        }

        /** Something arrived: the limit counts again from now. */
        void progress() {
            lastProgress = System.nanoTime();
        }

        /** From now on, stall after {@code limit} without progress (counted from now). */
        void limit(Duration limit) {
            limitNanos = limit.toNanos();
            progress();
        }

        /** @return the limit in force */
        Duration limit() {
            return Duration.ofNanos(limitNanos);
        }

        /** @return whether the stall action ran */
        boolean fired() {
            return fired;
        }

        private synchronized void schedule(long delayNanos) {
            if (!closed) {
                check = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void check() {
            long due = lastProgress + limitNanos - System.nanoTime();
            if (closed) {
                return;
            }
            if (due > 0) {
                schedule(due);
                return;
            }
            fired = true;
            onStall.run();
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (check != null) {
                check.cancel(false);
            }
        }
    }
}

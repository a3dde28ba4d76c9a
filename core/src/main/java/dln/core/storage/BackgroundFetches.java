package dln.core.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weight files fetched in the background for a caller that must not wait out the store's find
 * timeout: a committee member's pass. Content no node provides costs Kubo's find timeout (15 s)
 * before it fails; a pass that waited for it held every round of every model its member serves
 * (up to two timeouts a pass while a backlog of such updates lasted, 2026-12-07). Here a caller
 * waits for a file until the constructor's {@code wait} from the fetch's start, or its own
 * deadline, at most; what is still being looked for then goes on in the background, and its end
 * (arrived or failed) is counted in {@link #ended()}, so a waiting member wakes for it instead of
 * at its next recheck. A fetch its caller waited for to the end is not counted: the caller has it,
 * and counting it woke every member for a pass with nothing new after each pass that fetched an
 * update (about four needless GetMemberWork calls a member and round, 2026-12-07).
 *
 * <p>Each fetch runs on a thread of its own from the moment it is asked for: a fetch never waits
 * behind another. On a pool of 8, a member's new updates of a live round queued behind 8 files of a
 * backlog, each waiting out the find timeout, and the live model's rounds came 18-37 s apart in
 * {@code ./dln bench chaos} (2026-12-07); how many run at once is bounded by what the caller asks
 * for (a committee pass: a slice of 8 files a model, or a round's set).
 *
 * <p>A batch whose vectors fit in half the store's cache is fetched whole and kept there (the
 * caller's next {@link WeightStore#getWeights} is a cache hit); otherwise only the first bytes of
 * each are asked for, which is what finding the content takes, so large vectors are never held
 * together. A failure is reported once, to
 * the next caller that asks for that file; the call after it starts a fresh fetch (the content
 * may have come). Thread-safe.
 */
public final class BackgroundFetches {

    /** What a caller is told of a file still being looked for when its deadline came. */
    public static final class StillFetching extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param since how long it has been looked for */
        public StillFetching(final String cid, final Duration since) {
            super(cid + " is still being looked for after " + since.toMillis() + " ms; fetched on in the background");
        }
    }

    private final WeightStore store;
    private final long waitNanos;
    private final ThreadPoolExecutor pool;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Failure> failed = new ConcurrentHashMap<>();
    private final AtomicLong ended = new AtomicLong();

    /** A fetch under way; {@code left} once a caller stopped waiting for it before it ended. */
    private record Running(CompletableFuture<Void> done, long startedNanos, AtomicBoolean left) {}

    private record Failure(IOException error, long atNanos) {}

    /** A failure no caller asked about again within this time is forgotten (its update was decided meanwhile, say). */
    private static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(10);

    /**
     * @param wait the longest any caller waits for a fetch, from the fetch's start: a later caller
     *             does not wait again for what an earlier one left to the background
     */
    public BackgroundFetches(final WeightStore store, final Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive, got " + wait);
        }
        this.store = store;
        this.waitNanos = wait.toNanos();
        // Daemon threads that end when idle: a member needs no close, and an idle one holds none.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            final Thread t = new Thread(r, "dln-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts fetching what of {@code wanted} is neither cached nor being fetched, then waits until
     * each is done, has run the constructor's {@code wait}, or {@code deadline} (a
     * {@link System#nanoTime()}) passes, whichever comes first. Returns, by CID, each
     * file that failed (its error, reported this once) and each still being looked for
     * ({@link StillFetching}); the others are fetched (whole ones in the store's cache).
     */
    public Map<String, IOException> await(final List<WeightStore.Wanted> wanted, final long deadline) {
        final long now = System.nanoTime();
        failed.values().removeIf(f -> now - f.atNanos() > FORGET_NANOS);
        final Map<String, WeightStore.Wanted> byCid = new LinkedHashMap<>();
        wanted.forEach(w -> byCid.putIfAbsent(w.cid(), w));
        final Map<String, IOException> out = new LinkedHashMap<>();
        final List<WeightStore.Wanted> todo = byCid.values().stream()
                .filter(w -> !failed.containsKey(w.cid()) && !running.containsKey(w.cid()) && !store.holds(w.cid(), w.architectureHash())).toList();
        final boolean whole = todo.stream().mapToLong(w -> 4L * w.parameterCount()).sum() <= store.cacheBytes() / 2;
        todo.forEach(w -> start(w, whole));
        for (final String cid : byCid.keySet()) {
            final Running r = running.get(cid);
            if (r != null) {
                try {
                    final long until = Math.min(deadline, r.startedNanos() + waitNanos);
                    r.done().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    leave(r);
                    out.put(cid, new StillFetching(cid, Duration.ofNanos(System.nanoTime() - r.startedNanos())));
                    continue;
                } catch (InterruptedException e) {
                    leave(r);
                    Thread.currentThread().interrupt();
                    out.put(cid, new java.io.InterruptedIOException("interrupted while waiting for " + cid));
                    continue;
                } catch (java.util.concurrent.ExecutionException e) {
                    // recorded in failed by the fetch itself
                }
            }
            final Failure f = failed.remove(cid);
            if (f != null) {
                out.put(cid, f.error());
            }
        }
        return out;
    }

    /**
     * Marks a fetch as left to the background, so that its end is counted. Its end may have come
     * between the wait's timeout and this mark, after the fetch looked at the mark: then it is
     * counted here (possibly twice, which costs one pass more, where not at all would leave the
     * file to the next recheck).
     */
    private void leave(final Running r) {
        r.left().set(true);
        if (r.done().isDone()) {
            ended.incrementAndGet();
        }
    }

    /** Whether {@code cid} is being fetched in the background now. */
    public boolean fetching(final String cid) {
        return running.containsKey(cid);
    }

    /** Whether any fetch is running. */
    public boolean busy() {
        return !running.isEmpty();
    }

    /** How many background fetches have ended so far, arrived or failed: a waiter wakes when it grows. */
    public long ended() {
        return ended.get();
    }

    private void start(final WeightStore.Wanted w, final boolean whole) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Running started = new Running(done, System.nanoTime(), new AtomicBoolean());
        if (running.putIfAbsent(w.cid(), started) != null) {
            return; // another caller started it meanwhile
        }
        pool.execute(() -> {
            try {
                if (whole) {
                    store.getWeights(w.cid(), w.architectureHash(), w.parameterCount());
                } else {
                    store.probe(w.cid());
                }
            } catch (IOException e) {
                failed.put(w.cid(), new Failure(e, System.nanoTime()));
            } catch (RuntimeException e) {
                // not an outage: the caller's own fetch meets it again and reports it
            } finally {
                running.remove(w.cid());
                done.complete(null);
                // After done: a caller that marks it left after this look sees it done (leave).
                if (started.left().get()) {
                    ended.incrementAndGet();
                }
            }
        });
    }
}

package dln.core.protocol;

import dln.core.storage.BackgroundFetches;
import dln.core.storage.WeightStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a committee member's pass knows of the weight files it fetches: which it fetched side by
 * side already, which its store could not serve (not asked again within the pass: each ask of
 * content no node provides waits out the node's find timeout), and which are still being looked
 * for in the background when the pass stops waiting for them ({@code wait} after each started).
 * The next pass asks afresh for what failed; what is still looked for it neither asks for nor
 * waits for again.
 */
final class PassFetches {

    private final WeightStore store;
    private final BackgroundFetches background;
    private final Duration wait;
    private final Map<String, IOException> unreachable = new ConcurrentHashMap<>();
    private final Set<String> fetchedAhead = ConcurrentHashMap.newKeySet();
    // When the current pass stops waiting for its fetches (System.nanoTime()).
    private volatile long deadline;

    PassFetches(final WeightStore store, final Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("the fetch wait must be zero or positive, got " + wait);
        }
        this.store = store;
        this.wait = wait;
        this.background = new BackgroundFetches(store, wait);
    }

    /** A pass starts: it knows nothing yet, and waits for its fetches until {@code wait} from now at most. */
    void begin() {
        end();
        deadline = System.nanoTime() + wait.toNanos();
    }

    /** The pass ended: the next asks afresh. */
    void end() {
        unreachable.clear();
        fetchedAhead.clear();
    }

    /** Whether this pass fetched {@code cid} side by side already. */
    boolean fetchedAhead(final String cid) {
        return fetchedAhead.contains(cid);
    }

    /**
     * Fetches {@code wanted} side by side, waiting until the pass's deadline at most; what failed
     * or is still being looked for is then known to this pass ({@link #get}).
     */
    void ahead(final List<WeightStore.Wanted> wanted) {
        wanted.forEach(w -> fetchedAhead.add(w.cid()));
        background.await(wanted, deadline).forEach((cid, e) -> {
            if (ContentUnavailable.causeOf(e) != null) {
                unreachable.put(cid, e);
            }
        });
    }

    /**
     * The weights at {@code cid}; what this pass found its store cannot serve fails again at once,
     * and so does what is still being fetched in the background (the pass does not wait for it).
     */
    float[] get(final String cid, final String architectureHash, final long parameterCount) throws IOException {
        final IOException known = cid == null ? null : unreachable.get(cid);
        if (known != null) {
            throw known;
        }
        if (cid != null && background.fetching(cid) && !store.holds(cid, architectureHash)) {
            throw new BackgroundFetches.StillFetching(cid, Duration.ZERO);
        }
        return store.getWeights(cid, architectureHash, parameterCount);
    }

    /** How many background fetches have ended, arrived or failed: a waiting member wakes when it grows. */
    long ended() {
        return background.ended();
    }

    /** Whether some are still being fetched in the background. */
    boolean busy() {
        return background.busy();
    }
}

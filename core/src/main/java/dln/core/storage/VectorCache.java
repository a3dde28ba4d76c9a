package dln.core.storage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map of weight vectors bounded by their total size in bytes. Entries are
 * copied in and out, so no caller can change what another one reads. Thread-safe.
 */
public final class VectorCache {

    private final long capacityBytes;
    private final LinkedHashMap<String, float[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param capacityBytes the most bytes of vectors kept (4 per float); 0 keeps nothing */
    public VectorCache(final long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** The most bytes of vectors kept. */
    public long capacityBytes() {
        return capacityBytes;
    }

    /** Whether a vector is stored under {@code key}. */
    public synchronized boolean contains(final String key) {
        return entries.containsKey(key);
    }

    /** A copy of the vector stored under {@code key}, or null. */
    public synchronized float[] get(final String key) {
        final float[] v = entries.get(key);
        return v == null ? null : v.clone();
    }

    /** Stores a copy of {@code value}, evicting the least recently used vectors beyond the budget; a vector larger than the whole budget is not kept. */
    public synchronized void put(final String key, final float[] value) {
        final long size = 4L * value.length;
        if (size > capacityBytes) {
            return;
        }
        final float[] old = entries.put(key, value.clone());
        bytes += size - (old == null ? 0 : 4L * old.length);
        final Iterator<Map.Entry<String, float[]>> eldest = entries.entrySet().iterator();
        while (bytes > capacityBytes && eldest.hasNext()) {
            bytes -= 4L * eldest.next().getValue().length;
            eldest.remove();
        }
    }

    /** How many vectors are kept. */
    public synchronized int size() {
        return entries.size();
    }
}

package dln.core.storage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map of weight vectors bounded by their total size in bytes. Entries are
 * copied in and out, so no caller can change what another one reads.
 */
final class VectorCache {

    private final long capacityBytes;
    private final LinkedHashMap<String, float[]> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    VectorCache(final long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized float[] get(final String key) {
        final float[] v = entries.get(key);
        return v == null ? null : v.clone();
    }

    synchronized void put(final String key, final float[] value) {
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

    synchronized int size() {
        return entries.size();
    }
}

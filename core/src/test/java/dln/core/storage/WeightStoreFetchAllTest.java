package dln.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.ContentNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A committee member's pass fetches what it has to review side by side and learns what the store cannot serve. */
class WeightStoreFetchAllTest {
    private static final String HASH = "ab".repeat(32);
    private static final String MISSING = "bafkreif2e2hinjdrg5gb5rqf2lxr7ufitoeli63ilvhmlg55lxanzthhlm";

    /** The memory store, counting reads and how many bytes of each were taken. */
    private record CountingStore(ContentStore inner, Map<String, AtomicInteger> cats, AtomicInteger bytesRead) implements ForwardingStore {

        CountingStore() {
            this(new MemoryStore(), new ConcurrentHashMap<>(), new AtomicInteger());
        }

        @Override
        public InputStream cat(final String cid) throws IOException {
            cats.computeIfAbsent(cid, k -> new AtomicInteger()).incrementAndGet();
            final InputStream in = inner.cat(cid);
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    final int b = super.read();
                    bytesRead.addAndGet(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(final byte[] buf, final int off, final int len) throws IOException {
                    final int n = super.read(buf, off, len);
                    bytesRead.addAndGet(Math.max(0, n));
                    return n;
                }
            };
        }
    }

    private static float[] vector(final int n, final float shift) {
        final float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 89) * 0.25f + shift;
        }
        return v;
    }

    @Test
    void smallVectorsAreFetchedWholeAndKeptAndWhatIsMissingIsNamed() throws Exception {
        final CountingStore content = new CountingStore();
        final WeightStore store = new WeightStore(content, 1L << 20);
        final String a = store.putWeights(HASH, vector(1_000, 0));
        final String b = store.putWeights(HASH, vector(1_000, 1));
        final WeightStore reader = new WeightStore(content, 1L << 20);

        final Map<String, IOException> failed = reader.fetchAll(List.of(a, b, MISSING, a), HASH, 1_000, 8);

        assertEquals(java.util.Set.of(MISSING), failed.keySet());
        assertInstanceOf(ContentNotFoundException.class, failed.get(MISSING));
        assertEquals(1, content.cats.get(a).get(), "a CID named twice is fetched once");
        assertArrayEquals(vector(1_000, 1), reader.getWeights(b, HASH, 1_000));
        assertEquals(1, content.cats.get(b).get(), "kept: the next read is the cache's");
    }

    @Test
    void vectorsTooLargeToKeepTogetherAreOnlyProbed() throws Exception {
        final CountingStore content = new CountingStore();
        final WeightStore writer = new WeightStore(content, 0);
        final String a = writer.putWeights(HASH, vector(50_000, 0));
        final String b = writer.putWeights(HASH, vector(50_000, 1));
        // Two vectors of 200 kB each do not fit in half of a 256 kB cache.
        final WeightStore reader = new WeightStore(content, 256L << 10);

        final Map<String, IOException> failed = reader.fetchAll(List.of(a, b, MISSING), HASH, 50_000, 8);

        assertEquals(java.util.Set.of(MISSING), failed.keySet());
        assertTrue(content.bytesRead.get() < 100_000, "the first bytes of each, not the vectors: " + content.bytesRead.get() + " bytes read");
    }

    @Test
    void oneOrNoneLeftToFetchIsLeftToTheCaller() throws Exception {
        final CountingStore content = new CountingStore();
        final WeightStore store = new WeightStore(content, 1L << 20);
        final String a = store.putWeights(HASH, vector(1_000, 0));
        store.getWeights(a, HASH, 1_000);

        assertTrue(store.fetchAll(List.of(MISSING), HASH, 1_000, 8).isEmpty(), "one alone gains nothing side by side");
        assertTrue(store.fetchAll(List.of(a, MISSING), HASH, 1_000, 8).isEmpty(), "the cached one does not count");
        assertEquals(null, content.cats.get(MISSING), "nothing asked for");
    }
}

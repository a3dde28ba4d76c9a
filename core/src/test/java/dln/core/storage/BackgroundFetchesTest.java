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

/**
 * A committee member's pass fetches what it has to review side by side, learns what the store
 * cannot serve, and leaves what is still being looked for at its deadline to the background.
 */
class BackgroundFetchesTest {
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

    /**
     * A node looking for the content {@code missing} names as Kubo does until its find timeout:
     * each such ask waits until {@code timeout} opens, then is not found; counts those asks.
     */
    private record LookingFor(ContentStore inner, java.util.function.Predicate<String> missing, java.util.concurrent.CountDownLatch timeout,
                              AtomicInteger asked) implements ForwardingStore {
        @Override
        public InputStream cat(final String cid) throws IOException {
            if (!missing.test(cid)) {
                return inner.cat(cid);
            }
            asked.incrementAndGet();
            try {
                timeout.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ContentNotFoundException("no provider of " + cid + " found within 15 s", null, null);
        }
    }

    private static long inSeconds(final int s) {
        return System.nanoTime() + s * 1_000_000_000L;
    }

    private static List<WeightStore.Wanted> wanted(final int parameters, final String... cids) {
        return java.util.Arrays.stream(cids).map(c -> new WeightStore.Wanted(c, HASH, parameters)).toList();
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

        final Map<String, IOException> failed = new BackgroundFetches(reader, java.time.Duration.ofSeconds(30)).await(wanted(1_000, a, b, MISSING, a), inSeconds(30));

        assertEquals(java.util.Set.of(MISSING), failed.keySet());
        assertInstanceOf(ContentNotFoundException.class, failed.get(MISSING));
        assertEquals(1, content.cats.get(a).get(), "a CID named twice is fetched once");
        assertArrayEquals(vector(1_000, 1), reader.getWeights(b, HASH, 1_000));
        assertEquals(1, content.cats.get(b).get(), "kept: the next read is the cache's");
    }

    @Test
    void aFetchItsCallerWaitedForToTheEndWakesNobody() throws Exception {
        // A member's pass fetches each new update and scores it in the same pass: counting that
        // fetch's end woke the member at once for a pass with nothing new.
        final CountingStore content = new CountingStore();
        final String a = new WeightStore(content, 1L << 20).putWeights(HASH, vector(1_000, 0));
        final BackgroundFetches fetches = new BackgroundFetches(new WeightStore(content, 1L << 20), java.time.Duration.ofSeconds(30));

        final Map<String, IOException> failed = fetches.await(wanted(1_000, a, MISSING), inSeconds(30));

        assertEquals(java.util.Set.of(MISSING), failed.keySet(), "arrived and failed within the wait alike");
        assertEquals(0, fetches.ended(), "both told to the caller that waited for them: nothing left to wake anyone for");
        assertTrue(!fetches.busy());
    }

    @Test
    void vectorsTooLargeToKeepTogetherAreOnlyProbed() throws Exception {
        final CountingStore content = new CountingStore();
        final WeightStore writer = new WeightStore(content, 0);
        final String a = writer.putWeights(HASH, vector(50_000, 0));
        final String b = writer.putWeights(HASH, vector(50_000, 1));
        // Two vectors of 200 kB each do not fit in half of a 256 kB cache.
        final WeightStore reader = new WeightStore(content, 256L << 10);

        final Map<String, IOException> failed = new BackgroundFetches(reader, java.time.Duration.ofSeconds(30)).await(wanted(50_000, a, b, MISSING), inSeconds(30));

        assertEquals(java.util.Set.of(MISSING), failed.keySet());
        assertTrue(content.bytesRead.get() < 100_000, "the first bytes of each, not the vectors: " + content.bytesRead.get() + " bytes read");
    }

    @Test
    void whatIsCachedIsNotAskedFor() throws Exception {
        final CountingStore content = new CountingStore();
        final WeightStore store = new WeightStore(content, 1L << 20);
        final String a = store.putWeights(HASH, vector(1_000, 0));
        store.getWeights(a, HASH, 1_000);

        assertTrue(new BackgroundFetches(store, java.time.Duration.ofSeconds(30)).await(wanted(1_000, a), inSeconds(30)).isEmpty());
        assertEquals(null, content.cats.get(a), "the cache answered");
    }

    @Test
    void whatIsStillLookedForAtTheDeadlineGoesOnInTheBackgroundAndItsFailureIsToldOnce() throws Exception {
        // Kubo looks for content no node provides until its find timeout (15 s): the caller's
        // deadline comes first, and the fetch goes on without it.
        final java.util.concurrent.CountDownLatch timeout = new java.util.concurrent.CountDownLatch(1);
        final LookingFor slow = new LookingFor(new MemoryStore(), cid -> true, timeout, new AtomicInteger());
        final AtomicInteger asked = slow.asked();
        final BackgroundFetches fetches = new BackgroundFetches(new WeightStore(slow, 1L << 20), java.time.Duration.ofMillis(200));

        final long t0 = System.nanoTime();
        final Map<String, IOException> first = fetches.await(wanted(1_000, MISSING), inSeconds(30));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the caller waited 200 ms, not for the find nor its 30 s deadline");
        assertInstanceOf(BackgroundFetches.StillFetching.class, first.get(MISSING));
        assertTrue(fetches.fetching(MISSING) && fetches.busy());
        assertEquals(0, fetches.ended());
        final long t1 = System.nanoTime();
        assertInstanceOf(BackgroundFetches.StillFetching.class, fetches.await(wanted(1_000, MISSING), inSeconds(30)).get(MISSING),
                "still looked for: not asked again");
        assertTrue(System.nanoTime() - t1 < 10_000_000_000L, "nor waited for again until the 30 s deadline: its 200 ms ran out in the first call");
        assertEquals(1, asked.get());

        timeout.countDown();
        final long until = inSeconds(10);
        while (fetches.ended() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, fetches.ended(), "its end is counted, for a waiting member to wake");
        assertTrue(!fetches.busy());
        assertInstanceOf(ContentNotFoundException.class, fetches.await(wanted(1_000, MISSING), inSeconds(30)).get(MISSING),
                "the failure is told to the next caller");
        assertEquals(1, asked.get(), "told from the background fetch, not asked again");
        assertInstanceOf(ContentNotFoundException.class, fetches.await(wanted(1_000, MISSING), inSeconds(30)).get(MISSING));
        assertEquals(2, asked.get(), "told once: the call after it asks afresh (the content may have come)");
    }

    @Test
    void aFetchNeverWaitsBehindOthersStillLookedFor() throws Exception {
        // A member's backlog of content no node provides (each fetch waits out the find timeout)
        // must not delay the weights of a live round's new update.
        final java.util.concurrent.CountDownLatch timeout = new java.util.concurrent.CountDownLatch(1);
        final MemoryStore present = new MemoryStore();
        final ContentStore node = new LookingFor(present, cid -> cid.startsWith("missing-"), timeout, new AtomicInteger());
        final WeightStore store = new WeightStore(node, 1L << 20);
        final String live = new WeightStore(present, 0).putWeights(HASH, vector(1_000, 3));
        final BackgroundFetches fetches = new BackgroundFetches(store, java.time.Duration.ofMillis(100));
        try {
            final String[] backlog = java.util.stream.IntStream.range(0, 32).mapToObj(i -> "missing-" + i).toArray(String[]::new);
            assertEquals(32, fetches.await(wanted(1_000, backlog), inSeconds(30)).size(), "all still looked for");

            assertTrue(fetches.await(wanted(1_000, live), inSeconds(30)).isEmpty(), "fetched at once, beside the 32 still looked for");
            assertTrue(store.holds(live, HASH));
        } finally {
            timeout.countDown();
        }
    }
}

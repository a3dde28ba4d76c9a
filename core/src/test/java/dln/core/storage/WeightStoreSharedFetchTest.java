package dln.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Participants sharing a store ask for a round's parents at once: one fetch serves them, a failed one does not hold the others. */
class WeightStoreSharedFetchTest {
    private static final String HASH = "cd".repeat(32);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A content store whose reads wait for {@link #release}, counting them; the first {@code failures} reads fail once released. */
    private static final class HeldStore implements ForwardingStore {
        final MemoryStore inner = new MemoryStore();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger cats = new AtomicInteger();
        final AtomicInteger failures;

        HeldStore(final int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public ContentStore inner() {
            return inner;
        }

        @Override
        public InputStream cat(final String cid) throws IOException {
            cats.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            if (failures.getAndDecrement() > 0) {
                throw new IOException("node unreachable");
            }
            return inner.cat(cid);
        }
    }

    private static float[] vector() {
        final float[] v = new float[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 97) * 0.5f - 3;
        }
        return v;
    }

    /** Both callers are inside getWeights: the first in the store's read, the second waiting for it (or, without sharing, in a read of its own). */
    private static void awaitBothWaiting(final Thread... threads) throws InterruptedException {
        for (int i = 0; i < 2_000; i++) {
            if (java.util.Arrays.stream(threads).allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the two callers never both waited");
    }

    /**
     * Two reads of {@code cid} at once: the first inside the content store's read, the second
     * started after it and waiting too; then the read is released.
     */
    private List<Future<float[]>> bothAtOnce(final WeightStore store, final HeldStore content, final String cid) throws InterruptedException {
        final Thread[] threads = new Thread[2];
        final CountDownLatch first = new CountDownLatch(1);
        final Future<float[]> a = fetchOn(store, cid, threads, 0, first);
        first.await();
        while (content.cats.get() == 0) {
            Thread.sleep(1);
        }
        final CountDownLatch second = new CountDownLatch(1);
        final Future<float[]> b = fetchOn(store, cid, threads, 1, second);
        second.await();
        awaitBothWaiting(threads);
        content.release.countDown();
        return List.of(a, b);
    }

    private Future<float[]> fetchOn(final WeightStore store, final String cid, final Thread[] seen, final int slot, final CountDownLatch started) {
        return pool.submit(() -> {
            seen[slot] = Thread.currentThread();
            started.countDown();
            return store.getWeights(cid, HASH, 10_000);
        });
    }

    @Test
    void twoCallersAskingForOneVectorAtOnceShareOneFetchAndGetTheirOwnCopies() throws Exception {
        final HeldStore content = new HeldStore(0);
        final float[] v = vector();
        final String cid = new WeightStore(content.inner, 0).putWeights(HASH, v);
        final WeightStore store = new WeightStore(content);
        final List<Future<float[]>> both = bothAtOnce(store, content, cid);
        final Future<float[]> a = both.get(0);
        final Future<float[]> b = both.get(1);
        final float[] ra = a.get(30, TimeUnit.SECONDS);
        final float[] rb = b.get(30, TimeUnit.SECONDS);
        assertEquals(1, content.cats.get(), "one read of the store for both callers");
        assertArrayEquals(v, ra);
        assertArrayEquals(v, rb);
        assertNotSame(ra, rb);
        ra[0] = 42;
        assertEquals(v[0], rb[0], "a caller's copy is its own");
        assertArrayEquals(v, store.getWeights(cid, HASH, 10_000), "nor does it change what the cache hands out");
    }

    @Test
    void aStoreWithItsOwnClockSharesTheCacheAndCountsOnlyItsOwnFetchTime() throws Exception {
        final HeldStore content = new HeldStore(0);
        content.release.countDown();
        final float[] v = vector();
        final String cid = new WeightStore(content.inner, 0).putWeights(HASH, v);
        final WeightStore host = new WeightStore(content);
        final WeightStore first = host.withOwnClock();
        final WeightStore second = host.withOwnClock();
        assertArrayEquals(v, first.getWeights(cid, HASH, 10_000));
        assertArrayEquals(v, second.getWeights(cid, HASH, 10_000));
        assertEquals(1, content.cats.get(), "the second participant read the first one's vector from the shared cache");
        org.junit.jupiter.api.Assertions.assertTrue(first.fetchNanos() > 0, "the fetch is counted where it was made");
        assertEquals(0, second.fetchNanos(), "a cache hit costs the other participant nothing");
        assertEquals(0, host.fetchNanos(), "nor is it counted on the store they share");
    }

    @Test
    void whenTheSharedFetchFailsTheWaitingCallerFetchesOnItsOwn() throws Exception {
        final HeldStore content = new HeldStore(1);
        final float[] v = vector();
        final String cid = new WeightStore(content.inner, 0).putWeights(HASH, v);
        final List<Future<float[]>> both = bothAtOnce(new WeightStore(content), content, cid);
        final Future<float[]> a = both.get(0);
        final Future<float[]> b = both.get(1);
        final ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> a.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
        assertArrayEquals(v, b.get(30, TimeUnit.SECONDS));
        assertEquals(2, content.cats.get(), "the waiting caller read the store itself after the shared read failed");
    }
}

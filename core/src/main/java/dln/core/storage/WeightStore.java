package dln.core.storage;

import dln.core.weights.WeightFileSource;
import dln.core.weights.WeightFiles;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.CidOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Weight vectors and other blobs in a content store (IPFS). Every read is verified twice: the
 * bytes against the CID (by the store) and the weight file's header against the expected architecture.
 * Decoded vectors are kept in a small in-memory cache: a CID names its bytes, so a vector once
 * verified (or written here) never needs fetching again, and a round's parents are read by every
 * step and every review. Thread-safe; callers asking for one vector at once share one fetch.
 */
public final class WeightStore {

    /** The cache size {@link #WeightStore(ContentStore)} uses: about 36 LeNet or 400 MLP vectors. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    /**
     * The most values (parameters x vectors) {@link #fetchSet} holds whole in memory: 2^26, 256 MiB
     * of floats. Above it the set is fetched to weight files on disk and read by ranges. The one
     * threshold between the whole-vector and the streamed path of the protocol (a provider's
     * aggregation, a committee member's copy detection and contribution measurement): a LeNet or
     * a CIFAR-shaped CNN round stays in memory, 8 updates of a 100M-parameter model (800M values,
     * 3.2 GB) go to disk. Both paths give the same bits.
     */
    public static final long DEFAULT_WHOLE_SET_VALUES = 1L << 26;

    private final ContentStore content;
    private final VectorCache cache;
    private final long wholeSetValues;
    private final java.util.concurrent.atomic.LongAdder fetchNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<float[]>> inFlight;

    /** A store with the default cache. */
    public WeightStore(final ContentStore content) {
        this(content, DEFAULT_CACHE_BYTES);
    }

    /** A store that caches up to {@code cacheBytes} of decoded vectors (0: no cache). */
    public WeightStore(final ContentStore content, final long cacheBytes) {
        this(content, cacheBytes, DEFAULT_WHOLE_SET_VALUES);
    }

    /**
     * A store that caches up to {@code cacheBytes} of decoded vectors and holds a set of vectors
     * whole in memory up to {@code wholeSetValues} values ({@link #DEFAULT_WHOLE_SET_VALUES}).
     */
    public WeightStore(final ContentStore content, final long cacheBytes, final long wholeSetValues) {
        this(content, new VectorCache(cacheBytes), wholeSetValues, new java.util.concurrent.ConcurrentHashMap<>());
        if (wholeSetValues < 0) {
            throw new IllegalArgumentException("wholeSetValues must be >= 0, got " + wholeSetValues);
        }
    }

    private WeightStore(final ContentStore content, final VectorCache cache, final long wholeSetValues,
            final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<float[]>> inFlight) {
        this.content = content;
        this.cache = cache;
        this.wholeSetValues = wholeSetValues;
        this.inFlight = inFlight;
    }

    /**
     * A store over the same content, cache and fetches in flight, with its own {@link #fetchNanos}:
     * one per participant of a host that shares one store, so each still reports the time its
     * own steps spent getting weights (waiting for a fetch another participant started included).
     */
    public WeightStore withOwnClock() {
        return new WeightStore(content, cache, wholeSetValues, inFlight);
    }

    /** The most values {@link #fetchSet} holds whole in memory. */
    public long wholeSetValues() {
        return wholeSetValues;
    }

    /**
     * Fetches the weight files of a set of updates, each verified against its CID and checked
     * against the architecture: whole arrays when the set holds at most {@link #wholeSetValues()}
     * values (parameters x vectors), otherwise weight files in a fresh temporary folder, read by
     * ranges and deleted when the set is closed. A CID named by several keys is fetched once.
     *
     * @param cidsByKey the CID of each key (an update id)
     */
    public VectorSet fetchSet(final java.util.Map<String, String> cidsByKey, final String architectureHash, final long parameterCount)
            throws IOException {
        if (parameterCount * cidsByKey.size() <= wholeSetValues || parameterCount == 0) {
            final java.util.Map<String, float[]> arrays = new java.util.HashMap<>();
            for (java.util.Map.Entry<String, String> e : cidsByKey.entrySet()) {
                arrays.put(e.getKey(), getWeights(e.getValue(), architectureHash, parameterCount));
            }
            return VectorSet.inMemory(arrays);
        }
        final Path folder = Files.createTempDirectory("dln-set-");
        final java.util.Map<String, WeightFileSource> byCid = new java.util.HashMap<>();
        final java.util.Map<String, WeightFileSource> byKey = new java.util.HashMap<>();
        try {
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(cidsByKey).entrySet()) {
                WeightFileSource f = byCid.get(e.getValue());
                if (f == null) {
                    f = fetchWeightsFile(e.getValue(), architectureHash, parameterCount, folder.resolve("w-" + byCid.size() + ".dlnw"));
                    byCid.put(e.getValue(), f);
                }
                byKey.put(e.getKey(), f);
            }
            return VectorSet.onDisk(byKey, folder, parameterCount);
        } catch (IOException | RuntimeException e) {
            VectorSet.onDisk(byCid, folder, parameterCount).close();
            throw e;
        }
    }

    /** Encodes {@code params} as a weight file, adds and pins it; returns its CID (CIDv1, raw leaves). */
    public String putWeights(final String architectureHash, final float[] params) throws IOException {
        return putWeights(architectureHash, params, TransferListener.NONE);
    }

    /** As {@link #putWeights(String, float[])}, telling {@code progress} of the bytes sent. */
    public String putWeights(final String architectureHash, final float[] params, final TransferListener progress) throws IOException {
        final Path tmp = Files.createTempFile("dln-weights-", ".dlnw");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                WeightFiles.write(out, architectureHash, params);
            }
            final String cid = content.add(tmp, progress);
            cache.put(cid + "|" + architectureHash, params);
            return cid;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The CID {@link #putWeights} would return, computed locally without the node: the weight file
     * is streamed through the CID computation, never held as bytes.
     */
    public static String cidOf(final String architectureHash, final float[] params) throws IOException {
        final CidOutputStream out = new CidOutputStream();
        WeightFiles.write(out, architectureHash, params);
        return out.cid().toString();
    }

    /**
     * Adds and pins a weight file already on disk (written by a {@link dln.core.weights.WeightFileWriter}),
     * streamed: for vectors too large to hand over as one array. Its header is checked first.
     *
     * @return its CID (CIDv1, raw leaves)
     */
    public String putWeightsFile(final Path file, final String architectureHash, final long parameterCount,
                                 final TransferListener progress) throws IOException {
        try (WeightFileSource ignored = WeightFileSource.open(file, architectureHash, parameterCount)) {
            return content.add(file, progress);
        }
    }

    /**
     * Fetches a weight file into {@code target} without decoding it, for reading by ranges: the
     * bytes are verified against the CID while they stream to a temporary file beside the target,
     * which replaces it only once complete, and the header is checked against the architecture.
     *
     * @return the file, open for reading by ranges (the caller closes it)
     */
    public WeightFileSource fetchWeightsFile(final String cid, final String architectureHash, final long parameterCount,
                                             final Path target) throws IOException {
        final long t0 = System.nanoTime();
        final Path parent = target.toAbsolutePath().getParent();
        final Path tmp = Files.createTempFile(parent, ".dln-fetch-", ".part");
        try {
            try (InputStream in = content.cat(cid)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            fetchNanos.add(System.nanoTime() - t0);
        }
        return WeightFileSource.open(target, architectureHash, parameterCount);
    }

    /**
     * Fetches and decodes a weight file, checking CID, architecture hash, parameter count and
     * that every value is finite.
     */
    public float[] getWeights(final String cid, final String architectureHash, final long parameterCount) throws IOException {
        final String key = cid + "|" + architectureHash;
        final float[] cached = cache.get(key);
        if (cached != null && cached.length == parameterCount) {
            return cached;
        }
        // Participants that share this store (an organisation's roles on its host) start a round
        // together and ask for the same parents at once: one fetch serves them all.
        final java.util.concurrent.CompletableFuture<float[]> mine = new java.util.concurrent.CompletableFuture<>();
        final java.util.concurrent.CompletableFuture<float[]> other = inFlight.putIfAbsent(key, mine);
        if (other != null) {
            final long t0 = System.nanoTime();
            final float[] shared;
            try {
                shared = awaitOther(other);
            } finally {
                fetchNanos.add(System.nanoTime() - t0);
            }
            if (shared != null && shared.length == parameterCount) {
                return shared.clone();
            }
            return fetch(cid, architectureHash, parameterCount, key);
        }
        try {
            final float[] w = fetch(cid, architectureHash, parameterCount, key);
            mine.complete(w.clone());
            return w;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** A weight file a caller wants: its CID and the architecture and size it must have. */
    public record Wanted(String cid, String architectureHash, long parameterCount) {}

    /** Whether the decoded vector at {@code cid} of that architecture is in the cache (a {@link #getWeights} would not fetch). */
    public boolean holds(final String cid, final String architectureHash) {
        return cache.contains(cid + "|" + architectureHash);
    }

    /** The most bytes of decoded vectors the cache keeps. */
    public long cacheBytes() {
        return cache.capacityBytes();
    }

    /**
     * Asks for the first byte of {@code cid}'s content and no more: what finding it takes (Kubo's
     * find timeout when no node provides it), without fetching a large file whole.
     */
    public void probe(final String cid) throws IOException {
        try (InputStream in = content.cat(cid)) {
            in.read();
        }
    }

    /** The vector another caller is fetching, or null when its fetch failed (this caller then fetches on its own, with its own retries). */
    private static float[] awaitOther(final java.util.concurrent.CompletableFuture<float[]> other) throws IOException {
        try {
            return other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while another participant fetched the same weights");
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    private float[] fetch(final String cid, final String architectureHash, final long parameterCount, final String key) throws IOException {
        final long t0 = System.nanoTime();
        final float[] w;
        try (InputStream in = new BufferedInputStream(content.cat(cid), 1 << 16)) {
            w = WeightFiles.read(in, architectureHash, parameterCount);
        } finally {
            fetchNanos.add(System.nanoTime() - t0);
        }
        cache.put(key, w);
        return w;
    }

    /** Time spent so far fetching and decoding weight files from IPFS (cache hits cost nothing), in nanoseconds. */
    public long fetchNanos() {
        return fetchNanos.sum();
    }

    /** Adds and pins raw bytes (an encrypted fragment); returns the CID. */
    public String putBytes(final byte[] bytes) throws IOException {
        return content.add(bytes);
    }

    /** Fetches raw bytes verified against the CID, refusing more than {@code maxBytes}. */
    public byte[] getBytes(final String cid, final int maxBytes) throws IOException {
        try (InputStream in = content.cat(cid)) {
            final byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(cid + " is larger than " + maxBytes + " bytes; refusing it");
            }
            return bytes;
        }
    }
}

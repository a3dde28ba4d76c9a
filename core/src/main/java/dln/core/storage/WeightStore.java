package dln.core.storage;

import dln.core.weights.WeightFiles;
import dln.ipfs.AddResult;
import dln.ipfs.KuboClient;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Weight vectors and other blobs on IPFS. Every read is verified twice: the bytes against the
 * CID (by the Kubo client) and the weight file's header against the expected architecture.
 * Decoded vectors are kept in a small in-memory cache: a CID names its bytes, so a vector once
 * verified (or written here) never needs fetching again, and a round's parents are read by every
 * step and every review.
 */
public final class WeightStore {

    /** The cache size {@link #WeightStore(KuboClient)} uses: about 36 LeNet or 400 MLP vectors. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final KuboClient ipfs;
    private final VectorCache cache;
    private final java.util.concurrent.atomic.LongAdder fetchNanos = new java.util.concurrent.atomic.LongAdder();

    /** A store with the default cache. */
    public WeightStore(final KuboClient ipfs) {
        this(ipfs, DEFAULT_CACHE_BYTES);
    }

    /** A store that caches up to {@code cacheBytes} of decoded vectors (0: no cache). */
    public WeightStore(final KuboClient ipfs, final long cacheBytes) {
        this.ipfs = ipfs;
        this.cache = new VectorCache(cacheBytes);
    }

    /** The Kubo client underneath. */
    public KuboClient ipfs() {
        return ipfs;
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
            final AddResult r = ipfs.add(tmp, true, progress);
            final String cid = r.cid().toString();
            cache.put(cid + "|" + architectureHash, params);
            return cid;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The CID {@link #putWeights} would return, computed locally without the node. */
    public static String cidOf(final String architectureHash, final float[] params) throws IOException {
        return FileCids.of(WeightFiles.toBytes(architectureHash, params)).toString();
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
        final long t0 = System.nanoTime();
        final float[] w;
        try (InputStream in = new BufferedInputStream(ipfs.cat(Cid.parse(cid)), 1 << 16)) {
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
        return ipfs.add(new java.io.ByteArrayInputStream(bytes), "blob", true).cid().toString();
    }

    /** Fetches raw bytes verified against the CID, refusing more than {@code maxBytes}. */
    public byte[] getBytes(final String cid, final int maxBytes) throws IOException {
        try (InputStream in = ipfs.cat(Cid.parse(cid))) {
            final byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(cid + " is larger than " + maxBytes + " bytes; refusing it");
            }
            return bytes;
        }
    }
}

package dln.core.storage;

import dln.core.weights.WeightFiles;
import dln.ipfs.AddResult;
import dln.ipfs.KuboClient;
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
 */
public final class WeightStore {

    private final KuboClient ipfs;

    public WeightStore(final KuboClient ipfs) {
        this.ipfs = ipfs;
    }

    /** The Kubo client underneath. */
    public KuboClient ipfs() {
        return ipfs;
    }

    /** Encodes {@code params} as a weight file, adds and pins it; returns its CID (CIDv1, raw leaves). */
    public String putWeights(final String architectureHash, final float[] params) throws IOException {
        final Path tmp = Files.createTempFile("dln-weights-", ".dlnw");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                WeightFiles.write(out, architectureHash, params);
            }
            final AddResult r = ipfs.add(tmp, true);
            return r.cid().toString();
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
        try (InputStream in = new BufferedInputStream(ipfs.cat(Cid.parse(cid)), 1 << 16)) {
            return WeightFiles.read(in, architectureHash, parameterCount);
        }
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

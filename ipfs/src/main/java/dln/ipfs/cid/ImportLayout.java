package dln.ipfs.cid;

/**
 * How a file is cut into blocks: fixed-size chunks as raw leaves under a balanced tree of
 * dag-pb nodes, CIDv1, sha2-256. The client sends these values with every {@code add} so
 * that a node whose {@code Import.*} configuration differs still produces the CID computed
 * here.
 *
 * @param chunkSize bytes per leaf (Kubo's {@code --chunker=size-N})
 * @param maxLinks  children per dag-pb node (Kubo's {@code --max-file-links})
 */
public record ImportLayout(int chunkSize, int maxLinks) {
    /** Kubo's defaults: {@code size-262144} and 174 links per node. */
    public static final ImportLayout KUBO_DEFAULT = new ImportLayout(262_144, 174);

    /**
     * Validates the ranges Kubo accepts (block size limit of 1 MiB for fixed chunks).
     *
     * @param chunkSize bytes per leaf
     * @param maxLinks  children per dag-pb node
     */
    public ImportLayout {
        if (chunkSize < 1 || chunkSize > 1 << 20) {
            throw new IllegalArgumentException("chunkSize must be in 1..1048576, got " + chunkSize);
        }
        if (maxLinks < 2) {
            throw new IllegalArgumentException("maxLinks must be at least 2, got " + maxLinks);
        }
    }

    /** @return the value of Kubo's {@code chunker} parameter, e.g. {@code size-262144} */
    public String chunker() {
        return "size-" + chunkSize;
    }
}

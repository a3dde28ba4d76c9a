package dln.ipfs;

/**
 * Progress of an upload, for progress bars. Called on the HTTP client's threads as file bytes are
 * handed to the connection; implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface TransferListener {

    /** A listener that ignores everything. */
    TransferListener NONE = (bytes, total) -> { };

    /**
     * @param bytes file bytes sent so far
     * @param total the file's size, or -1 when unknown (a stream)
     */
    void transferred(long bytes, long total);
}

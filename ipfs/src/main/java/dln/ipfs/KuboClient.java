package dln.ipfs;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.command.AddCommand;
import dln.ipfs.command.CatCommand;
import dln.ipfs.command.FetchCommand;
import dln.ipfs.command.NodeInfoCommand;
import dln.ipfs.command.PinCommand;
import dln.ipfs.command.StatCommand;
import dln.ipfs.transport.ApiAddress;
import dln.ipfs.transport.KuboTransport;
import dln.ipfs.transport.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Client of a Kubo node's RPC API ({@code /api/v0}), built on {@code java.net.http} only.
 *
 * <p>Every file is stored as CIDv1 with raw leaves and the {@link ImportLayout} of this client,
 * sent explicitly with each {@code add} so the node's own {@code Import.*} settings cannot
 * change the result. Content is verified in both directions: {@code add} computes the CID
 * while streaming the upload and fails if the node answers with another; {@code cat} and
 * {@link #fetchToFile} recompute the CID of what they receive and fail before handing out the
 * last byte if it differs.
 *
 * <p>Calls that fail for a transient reason (connection refused or reset, timeout, HTTP
 * 502/503/504, a 5xx without a Kubo error document) are repeated under the {@link RetryPolicy}
 * and then reported as {@link IpfsUnavailableException}; refusals (HTTP 4xx, or a Kubo error
 * document such as "not pinned") are reported at once as {@link IpfsCommandException}.
 *
 * <p>A facade: the HTTP side lives in {@link dln.ipfs.transport}, each command in
 * {@link dln.ipfs.command}; this class only wires them to one node and one layout.
 *
 * <p>Immutable and thread-safe; create one per API address and share it.
 */
public final class KuboClient {
    /** Environment variable naming the API address, e.g. {@code http://127.0.0.1:5001}. */
    public static final String API_ENV = ApiAddress.ENV;
    /** Address used when {@link #API_ENV} is not set. */
    public static final String DEFAULT_API = ApiAddress.DEFAULT;

    private final KuboTransport transport;
    private final ImportLayout layout;
    private final AddCommand add;
    private final CatCommand cat;
    private final FetchCommand fetch;
    private final PinCommand pin;
    private final StatCommand stat;
    private final NodeInfoCommand node;

    private KuboClient(Builder b) {
        this.transport = new KuboTransport(b.base,
                new Timeouts(b.connectTimeout, b.requestTimeout, b.findTimeout, b.transferTimeout), b.retryPolicy);
        this.layout = b.layout;
        this.add = new AddCommand(transport, layout);
        this.cat = new CatCommand(transport, layout);
        this.fetch = new FetchCommand(transport, layout);
        this.pin = new PinCommand(transport);
        this.stat = new StatCommand(transport);
        this.node = new NodeInfoCommand(transport);
    }

    /**
     * Starts configuring a client.
     *
     * @param apiAddress {@code http://HOST:PORT} or a multiaddr such as {@code /ip4/127.0.0.1/tcp/5001}
     * @return a builder with defaults: connect timeout 5 s, request timeout 60 s, find timeout
     *         15 s, transfer timeout 30 min, {@link RetryPolicy#DEFAULT}, {@link ImportLayout#KUBO_DEFAULT}
     * @throws IllegalArgumentException if the address is not understood
     */
    public static Builder builder(String apiAddress) {
        return new Builder(ApiAddress.parse(apiAddress));
    }

    /**
     * A client with default settings for the address in {@code DLN_IPFS_API}, or
     * {@code http://127.0.0.1:5001} when it is unset.
     *
     * @return the client
     */
    public static KuboClient fromEnvironment() {
        String address = System.getenv(API_ENV);
        return builder(address == null || address.isBlank() ? DEFAULT_API : address).build();
    }

    /** @return the API base address, e.g. {@code http://127.0.0.1:5001} */
    public URI apiBase() {
        return transport.api();
    }

    /** @return the layout used to add files and to verify dag-pb CIDs */
    public ImportLayout layout() {
        return layout;
    }

    /**
     * Uploads a file and pins it.
     *
     * @param file a regular file; it must not change during the upload
     * @return its CID and size
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws CidMismatchException     if the node computed another CID than this client
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the file cannot be read or the node refuses the upload
     */
    public AddResult add(Path file) throws IOException {
        return add(file, true);
    }

    /**
     * Uploads a file, streaming it from disk (memory use does not grow with its size). Retried
     * as a whole on transient failures, which is safe: adding the same bytes twice is a no-op.
     *
     * @param file a regular file; it must not change during the upload
     * @param pin  whether the node should pin it (unpinned content may be garbage-collected)
     * @return its CID and size
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws CidMismatchException     if the node computed another CID than this client
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the file cannot be read or the node refuses the upload
     */
    public AddResult add(Path file, boolean pin) throws IOException {
        return add(file, pin, TransferListener.NONE);
    }

    /**
     * Same as {@link #add(Path, boolean)}, reporting the bytes sent to {@code progress} (a retry
     * starts again from zero).
     *
     * @param file     a regular file; it must not change during the upload
     * @param pin      whether the node should pin it
     * @param progress told of the file bytes sent so far, with the file's size
     * @return its CID and size
     * @throws IOException as {@link #add(Path, boolean)}
     */
    public AddResult add(Path file, boolean pin, TransferListener progress) throws IOException {
        return add.file(file, pin, progress);
    }

    /**
     * Uploads the rest of a stream. A stream cannot be rewound, so this makes a single attempt;
     * prefer {@link #add(Path, boolean)} for files.
     *
     * @param content the bytes to store, read to the end and not closed
     * @param name    a name for the node's logs (not part of the CID)
     * @param pin     whether the node should pin it
     * @return its CID and size
     * @throws CidMismatchException     if the node computed another CID than this client
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the stream fails or the node refuses the upload
     */
    public AddResult add(InputStream content, String name, boolean pin) throws IOException {
        return add.stream(content, name, pin);
    }

    /**
     * Streams a file's content, verifying it against {@code cid} while it is read: the read that
     * would deliver the last byte of content that does not match throws
     * {@link CidMismatchException} instead, as does every read after it. Read to the end, then
     * close: {@code close()} before the end throws {@link IpfsException} (what was read is
     * unverified) unless the end lies within 64 KiB, which it then reads and verifies.
     *
     * @param cid a CIDv1 (raw, or dag-pb built with this client's layout)
     * @return the content; its reads may throw {@link IpfsException}
     * @throws IllegalArgumentException if {@code cid} is a CIDv0, which cannot be verified
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node does not have the content and cannot find it
     */
    public InputStream cat(Cid cid) throws IpfsException {
        return cat.cat(cid);
    }

    /**
     * Downloads a file to {@code target}, verified against {@code cid}. The content goes to a
     * temporary file next to the target, which replaces the target only once verified, so the
     * target never holds unverified bytes. A download cut by a connection failure starts over,
     * within the retry policy.
     *
     * @param cid    a CIDv1 (raw, or dag-pb built with this client's layout)
     * @param target where to put the file; replaced if it exists
     * @return the file's size in bytes
     * @throws CidMismatchException     if the content does not match {@code cid}
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IOException              if the node refuses or the file cannot be written
     */
    public long fetchToFile(Cid cid, Path target) throws IOException {
        return fetch.toFile(cid, target);
    }

    /**
     * Pins a file (recursively), fetching it first if the node does not hold it.
     *
     * @param cid the file
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node refuses
     */
    public void pinAdd(Cid cid) throws IpfsException {
        pin.add(cid);
    }

    /**
     * Unpins a file so the node may garbage-collect it.
     *
     * @param cid the file
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node refuses, e.g. the file is not pinned
     */
    public void pinRm(Cid cid) throws IpfsException {
        pin.rm(cid);
    }

    /**
     * What the node knows of a file ({@code files/stat /ipfs/CID}).
     *
     * @param cid the file
     * @return its size and block structure
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node cannot find it
     */
    public ObjectStat stat(Cid cid) throws IpfsException {
        return stat.stat(cid);
    }

    /**
     * The node's version; a cheap health check.
     *
     * @return Kubo's version information
     * @throws IpfsUnavailableException if the node cannot be reached
     */
    public NodeVersion version() throws IpfsException {
        return node.version();
    }

    /**
     * The node's identity and listening addresses.
     *
     * @return peer id, agent version, addresses
     * @throws IpfsUnavailableException if the node cannot be reached
     */
    public NodeIdentity id() throws IpfsException {
        return node.id();
    }

    @Override
    public String toString() {
        return "KuboClient[" + transport.api() + "]";
    }

    /**
     * How long a read waits by default for the node to find content before it fails with
     * {@link ContentNotFoundException}: what content no node provides costs each reader.
     */
    public static final Duration DEFAULT_FIND_TIMEOUT = Duration.ofSeconds(15);

    /** Configures a {@link KuboClient}; every setting has a default. */
    public static final class Builder {
        private final URI base;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration findTimeout = DEFAULT_FIND_TIMEOUT;
        private Duration transferTimeout = Duration.ofMinutes(30);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private ImportLayout layout = ImportLayout.KUBO_DEFAULT;

        private Builder(URI base) {
            this.base = base;
        }

        /**
         * @param timeout how long to wait for a TCP connection
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a cat or fetch may wait for the node to start delivering content before it
         * fails with {@link ContentNotFoundException} (default 15 s). Content the node holds
         * starts within milliseconds; the rest is time spent looking for it.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder findTimeout(Duration timeout) {
            this.findTimeout = positive(timeout, "findTimeout");
            return this;
        }

        /**
         * @param timeout how long a small call (version, stat, pin rm) may take
         *                until the node's answer begins, and how long any read of an answer
         *                may wait for the next byte
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * @param timeout how long an add (upload plus import) or a pin add (which may fetch the
         *                whole file) may take until the node answers
         * @return this builder
         */
        public Builder transferTimeout(Duration timeout) {
            this.transferTimeout = positive(timeout, "transferTimeout");
            return this;
        }

        /**
         * @param policy attempts and backoff for transient failures
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param layout how files are chunked; every participant must use the same one
         * @return this builder
         */
        public Builder layout(ImportLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /** @return the client */
        public KuboClient build() {
            return new KuboClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}

package dln.ipfs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.ImportLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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
 * <p>Immutable and thread-safe; create one per API address and share it.
 */
public final class KuboClient {
    /** Environment variable naming the API address, e.g. {@code http://127.0.0.1:5001}. */
    public static final String API_ENV = "DLN_IPFS_API";
    /** Address used when {@link #API_ENV} is not set. */
    public static final String DEFAULT_API = "http://127.0.0.1:5001";

    private static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final int COPY_BUFFER = 1 << 20;

    private final URI base;
    private final Duration requestTimeout;
    private final Duration findTimeout;
    private final Duration transferTimeout;
    private final RetryPolicy retryPolicy;
    private final ImportLayout layout;
    private final HttpClient http;

    private KuboClient(Builder b) {
        this.base = b.base;
        this.requestTimeout = b.requestTimeout;
        this.findTimeout = b.findTimeout;
        this.transferTimeout = b.transferTimeout;
        this.retryPolicy = b.retryPolicy;
        this.layout = b.layout;
        // HTTP/1.1 explicitly: Kubo does not speak h2c and the upgrade attempt only costs time.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Starts configuring a client.
     *
     * @param apiAddress {@code http://HOST:PORT} or a multiaddr such as {@code /ip4/127.0.0.1/tcp/5001}
     * @return a builder with defaults: connect timeout 5 s, request timeout 60 s, transfer timeout
     *         30 min, {@link RetryPolicy#DEFAULT}, {@link ImportLayout#KUBO_DEFAULT}
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
        return base;
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
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(progress, "progress");
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file, cannot add it to IPFS");
        }
        long length = Files.size(file);
        return withRetries("add " + file, () -> upload(MultipartBody.ofFile(file, length, layout, progress), pin));
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
        Objects.requireNonNull(content, "content");
        return withRetries(RetryPolicy.NONE, "add " + name, () -> upload(MultipartBody.ofStream(content, name, layout), pin));
    }

    private AddResult upload(MultipartBody body, boolean pin) throws IOException {
        String query = "cid-version=1&raw-leaves=true&hash=sha2-256&trickle=false&inline=false"
                + "&chunker=" + layout.chunker() + "&max-file-links=" + layout.maxLinks()
                + "&wrap-with-directory=false&progress=false&quieter=true&pin=" + pin;
        HttpRequest request = request("add", query, transferTimeout)
                .header("Content-Type", body.contentType())
                .POST(body)
                .build();
        String text;
        try (InputStream in = ok("add", send(request))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Cid fromNode = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o = json("add", line);
            throwIfError("add", 200, o);
            if (o.has("Hash")) {
                fromNode = parseCid("add", o.get("Hash").getAsString());
            }
        }
        if (fromNode == null) {
            throw new IpfsCommandException("add: Kubo's answer names no CID: " + abbreviate(text), 200, text);
        }
        Cid local = body.cid();
        if (local == null) {
            throw new IpfsException("add: Kubo answered before the whole file was sent (" + body.fileBytesSent()
                    + " bytes); add it again", null);
        }
        if (!local.equals(fromNode)) {
            throw new CidMismatchException("add: the node stored the " + body.fileBytesSent() + " bytes as " + fromNode
                    + " but they hash to " + local + " with layout " + layout
                    + "; the node ignored the import parameters (Kubo too old?) or altered the data",
                    local, fromNode);
        }
        return new AddResult(local, body.fileBytesSent(), pin);
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
        ContentVerifier verifier = ContentVerifier.forCid(cid, layout);
        return withRetries("cat " + cid, () -> catOnce(cid, verifier));
    }

    private InputStream catOnce(Cid cid, ContentVerifier verifier) throws IOException {
        HttpRequest request = request("cat", "arg=" + cid + "&progress=false", findTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return new VerifyingInputStream(ok("cat", sendFinding(request, cid)), cid, verifier, "cat " + cid);
    }

    /** Kubo answers a cat once it has the content's root block, so no answer in time means no content. */
    private HttpResponse<InputStream> sendFinding(HttpRequest request, Cid cid) throws IOException {
        try {
            return send(request);
        } catch (java.net.http.HttpConnectTimeoutException e) {
            throw e;
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ContentNotFoundException("cat " + cid + ": the IPFS node found no content for it within "
                    + findTimeout.toSeconds() + " s; check that it was added to a node this one can reach", cid, e);
        }
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
        Path absolute = target.toAbsolutePath();
        ContentVerifier.forCid(cid, layout); // fail fast on an unverifiable CID
        return withRetries("fetch " + cid, () -> fetchOnce(cid, absolute));
    }

    private long fetchOnce(Cid cid, Path target) throws IOException {
        ContentVerifier verifier = ContentVerifier.forCid(cid, layout);
        HttpRequest request = request("cat", "arg=" + cid + "&progress=false", findTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        boolean done = false;
        try {
            long total;
            try (ResponseStream in = (ResponseStream) ok("cat", sendFinding(request, cid));
                 AsynchronousFileChannel out = AsynchronousFileChannel.open(temp, StandardOpenOption.WRITE)) {
                total = copy(in, verifier, out, cid);
            }
            Cid actual = verifier.finish();
            if (!actual.equals(cid)) {
                throw new CidMismatchException("fetch " + cid + ": the " + total + " bytes received hash to " + actual
                        + ", not to the requested " + cid + "; the node returned corrupt or truncated content, "
                        + "nothing was written to " + target, cid, actual);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return total;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Copies through two native buffers so that writing one overlaps receiving and hashing the
     * other (done in turn, the disk writes alone cost about a fifth of the transfer time), and
     * so that neither the hash nor the write needs a further copy. The target is only a
     * temporary file: verification happens once the end is reached, before it is renamed.
     */
    private static long copy(ResponseStream in, ContentVerifier verifier, AsynchronousFileChannel out, Cid cid)
            throws IOException {
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(COPY_BUFFER), ByteBuffer.allocateDirect(COPY_BUFFER)};
        Future<Integer> pending = null;
        ByteBuffer pendingBuffer = null;
        long pendingPosition = 0;
        long position = 0;
        for (int turn = 0; ; turn ^= 1) {
            ByteBuffer buffer = buffers[turn];
            buffer.clear();
            boolean end = false;
            try {
                while (buffer.hasRemaining()) {
                    if (in.read(buffer) < 0) {
                        end = true;
                        break;
                    }
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new IpfsUnavailableException("fetch " + cid + ": connection to the node lost after "
                        + (position + buffer.position()) + " bytes (" + e + "); fetch it again", e);
            }
            buffer.flip();
            verifier.update(buffer.duplicate());
            if (pending != null) {
                finishWrite(out, pending, pendingBuffer, pendingPosition);
                pending = null;
            }
            if (buffer.hasRemaining()) {
                pendingBuffer = buffer;
                pendingPosition = position;
                position += buffer.remaining();
                pending = out.write(buffer, pendingPosition);
            }
            if (end) {
                if (pending != null) {
                    finishWrite(out, pending, pendingBuffer, pendingPosition);
                }
                return position;
            }
        }
    }

    private static void finishWrite(AsynchronousFileChannel out, Future<Integer> pending, ByteBuffer buffer, long position)
            throws IOException {
        try {
            pending.get();
            // A short write leaves bytes behind: finish them synchronously.
            while (buffer.hasRemaining()) {
                out.write(buffer, position + buffer.position()).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /**
     * Pins a file (recursively), fetching it first if the node does not hold it.
     *
     * @param cid the file
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node refuses
     */
    public void pinAdd(Cid cid) throws IpfsException {
        withRetries("pin add " + cid, () -> {
            rpc("pin/add", "arg=" + cid + "&recursive=true&progress=false", transferTimeout);
            return null;
        });
    }

    /**
     * Unpins a file so the node may garbage-collect it.
     *
     * @param cid the file
     * @throws IpfsUnavailableException if the node cannot be reached
     * @throws IpfsCommandException     if the node refuses, e.g. the file is not pinned
     */
    public void pinRm(Cid cid) throws IpfsException {
        withRetries("pin rm " + cid, () -> {
            rpc("pin/rm", "arg=" + cid + "&recursive=true", requestTimeout);
            return null;
        });
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
        JsonObject o = withRetries("stat " + cid, () -> rpc("files/stat", "arg=" + encode("/ipfs/" + cid), requestTimeout));
        try {
            return new ObjectStat(parseCid("files/stat", o.get("Hash").getAsString()), o.get("Size").getAsLong(),
                    o.get("CumulativeSize").getAsLong(), o.get("Blocks").getAsInt(), o.get("Type").getAsString());
        } catch (RuntimeException e) {
            throw new IpfsCommandException("files/stat: unexpected answer " + o + " (" + e + ")", 200, o.toString());
        }
    }

    /**
     * The node's version; a cheap health check.
     *
     * @return Kubo's version information
     * @throws IpfsUnavailableException if the node cannot be reached
     */
    public NodeVersion version() throws IpfsException {
        JsonObject o = withRetries("version", () -> rpc("version", "", requestTimeout));
        return new NodeVersion(str(o, "Version"), str(o, "Commit"), str(o, "Repo"), str(o, "System"), str(o, "Golang"));
    }

    /**
     * The node's identity and listening addresses.
     *
     * @return peer id, agent version, addresses
     * @throws IpfsUnavailableException if the node cannot be reached
     */
    public NodeIdentity id() throws IpfsException {
        JsonObject o = withRetries("id", () -> rpc("id", "", requestTimeout));
        List<String> addresses = new ArrayList<>();
        JsonElement a = o.get("Addresses");
        if (a != null && a.isJsonArray()) {
            a.getAsJsonArray().forEach(e -> addresses.add(e.getAsString()));
        }
        return new NodeIdentity(str(o, "ID"), str(o, "AgentVersion"), addresses);
    }

    @Override
    public String toString() {
        return "KuboClient[" + base + "]";
    }

    // ---- plumbing -------------------------------------------------------------------------

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException;
    }

    /** A 5xx that is not a Kubo error document: the node or a proxy in front of it is struggling. */
    private static final class TransientStatus extends IOException {
        private static final long serialVersionUID = 1L;

        TransientStatus(String message) {
            super(message);
        }
    }

    private <T> T withRetries(String what, Attempt<T> attempt) throws IpfsException {
        try {
            return withRetries(retryPolicy, what, attempt);
        } catch (IpfsException e) {
            throw e;
        } catch (IOException e) {
            throw new IpfsException(what + ": " + e.getMessage(), e);
        }
    }

    private <T> T withRetries(RetryPolicy policy, String what, Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (IpfsCommandException | CidMismatchException | ContentNotFoundException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (n >= policy.maxAttempts()) {
                    throw new IpfsUnavailableException(what + ": the Kubo RPC API at " + base + " failed " + n
                            + (n == 1 ? " time" : " times") + ", last with: " + describe(e)
                            + ". Check that the IPFS daemon is running and that " + API_ENV
                            + " names its API address (Addresses.API, port 5001 by default)", e);
                }
                pause(policy.backoff(n));
            }
        }
    }

    // Local file problems are not the node's fault and will not heal by retrying.
    private static boolean isTransient(IOException e) {
        return !(e instanceof java.nio.file.FileSystemException) && !(e.getCause() instanceof java.nio.file.FileSystemException)
                && (e instanceof IpfsUnavailableException || !(e instanceof IpfsException));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    private static void pause(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private HttpRequest.Builder request(String command, String query, Duration timeout) {
        String q = query.isEmpty() ? "" : "?" + query;
        return HttpRequest.newBuilder(base.resolve("/api/v0/" + command + q)).timeout(timeout);
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, ResponseStream.handler(requestTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + request.uri().getPath());
        }
    }

    private JsonObject rpc(String command, String query, Duration timeout) throws IOException {
        HttpRequest request = request(command, query, timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
        try (InputStream in = ok(command, send(request))) {
            JsonObject o = json(command, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            throwIfError(command, 200, o);
            return o;
        }
    }

    /** Returns the body of a 200 response; turns anything else into the right exception. */
    private InputStream ok(String command, HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).trim();
        }
        JsonObject error = null;
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject() && e.getAsJsonObject().has("Message")) {
                error = e.getAsJsonObject();
            }
        } catch (JsonParseException | IllegalStateException ignored) {
            // Not Kubo's error document: a proxy page or a different server.
        }
        if (status >= 400 && status < 500) {
            String message = error != null ? str(error, "Message") : abbreviate(body);
            throw new IpfsCommandException(command + ": Kubo at " + base + " refused the request (HTTP " + status + "): "
                    + message + hint(status), status, message);
        }
        if (status >= 500 && status < 600 && error != null && status != 502 && status != 503 && status != 504) {
            throwIfError(command, status, error);
        }
        throw new TransientStatus(command + " got HTTP " + status + " " + abbreviate(body));
    }

    private static String hint(int status) {
        return switch (status) {
            case 404 -> "; is the address the RPC API (port 5001) rather than the gateway (port 8080)?";
            case 403 -> "; the node's API.Authorizations or HTTPHeaders settings reject this client";
            case 405 -> "; the RPC API takes POST only, is this a Kubo node?";
            default -> "";
        };
    }

    private void throwIfError(String command, int status, JsonObject o) throws IpfsCommandException {
        if (o.has("Message") && "error".equals(str(o, "Type"))) {
            String message = str(o, "Message");
            throw new IpfsCommandException(command + ": Kubo at " + base + " failed: " + message, status, message);
        }
    }

    private static JsonObject json(String command, String text) throws IpfsCommandException {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException ignored) {
            // reported below
        }
        throw new IpfsCommandException(command + ": the answer is not a JSON object: " + abbreviate(text)
                + " (is this a Kubo RPC API?)", 200, text);
    }

    private static Cid parseCid(String command, String text) throws IpfsCommandException {
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IpfsCommandException(command + ": Kubo answered with an unusable CID: " + e.getMessage(), 200, text);
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 300 ? t : t.substring(0, 297) + "...";
    }

    /** Configures a {@link KuboClient}; every setting has a default. */
    public static final class Builder {
        private final URI base;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration findTimeout = Duration.ofSeconds(15);
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

package dln.ipfs.transport;

import com.google.gson.JsonObject;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.RetryPolicy;
import dln.ipfs.cid.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * HTTP to one Kubo node's RPC API ({@code POST /api/v0/COMMAND?QUERY}): sends a call, hands
 * back the answer, and reports failures as the client's exception types. It knows nothing of
 * what the commands mean; the commands in {@link dln.ipfs.command} build on it.
 *
 * <p>Every answer body is a {@link ResponseStream}, whose reads fail after the request timeout
 * without data, so a node that stalls mid-answer cannot hang a caller.
 *
 * <p>Immutable and thread-safe.
 */
public final class KuboTransport {
    private final URI api;
    private final Timeouts timeouts;
    private final Retrier retrier;
    private final KuboErrors errors;
    private final HttpClient http;

    /**
     * @param api      the node's API base, {@code http://HOST:PORT} (see {@link ApiAddress#parse})
     * @param timeouts how long to wait, by kind of call
     * @param policy   how to repeat attempts that failed for a transient reason
     */
    public KuboTransport(URI api, Timeouts timeouts, RetryPolicy policy) {
        this.api = Objects.requireNonNull(api, "api");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.retrier = new Retrier(Objects.requireNonNull(policy, "policy"), api);
        this.errors = new KuboErrors(api);
        // HTTP/1.1 explicitly: Kubo does not speak h2c and the upgrade attempt only costs time.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return how attempts that failed for a transient reason are repeated */
    public RetryPolicy policy() {
        return retrier.policy();
    }

    /** @return the node's API base, e.g. {@code http://127.0.0.1:5001} */
    public URI api() {
        return api;
    }

    /** @return how long calls wait */
    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Runs {@code attempt}, repeating it under the retry policy while it fails for a transient
     * reason (connection failure, timeout, 502/503/504, a 5xx without a Kubo error document).
     *
     * @param what    what is being done, e.g. {@code "stat CID"}, for messages
     * @param attempt one try, starting from scratch each time
     * @param <T>     its result
     * @return the result of the first successful try
     * @throws IpfsUnavailableException when the transient failures outlast the policy
     * @throws IpfsException            for any other failure (other I/O failures wrapped)
     */
    public <T> T retrying(String what, Attempt<T> attempt) throws IpfsException {
        return retrier.run(what, attempt);
    }

    /**
     * Runs {@code attempt} once, for what cannot be repeated (a stream is consumed by the first
     * try).
     *
     * @param what    what is being done, for messages
     * @param attempt the only try
     * @param <T>     its result
     * @return its result
     * @throws IpfsUnavailableException if it failed for a transient reason
     * @throws IOException              any other failure, unchanged
     */
    public <T> T once(String what, Attempt<T> attempt) throws IOException {
        return retrier.once(what, attempt);
    }

    /**
     * A call without a request body whose answer is one JSON object.
     *
     * @param command e.g. {@code "files/stat"}
     * @param query   URL-encoded parameters, or ""
     * @param timeout how long until the answer begins
     * @return the answer
     * @throws IpfsCommandException if the node refused, or answered with an error document or not JSON
     * @throws IOException          on a transport failure (transient, for {@link #retrying})
     */
    public JsonObject call(String command, String query, Duration timeout) throws IOException {
        HttpRequest request = request(command, query, timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
        try (InputStream in = errors.ok(command, send(request))) {
            JsonObject o = KuboJson.object(command, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            errors.throwIfError(command, 200, o);
            return o;
        }
    }

    /**
     * A call that delivers content, such as {@code cat}. Kubo answers once it has the content's
     * root block, so no answer within the find timeout means the node could not find it.
     *
     * @param command e.g. {@code "cat"}
     * @param query   URL-encoded parameters naming {@code cid}
     * @param cid     the content asked for, for the message
     * @return the answer body, to be closed by the caller
     * @throws ContentNotFoundException if the node did not start answering within the find timeout
     * @throws IpfsCommandException     if the node refused
     * @throws IOException              on a transport failure
     */
    public ResponseStream find(String command, String query, Cid cid) throws IOException {
        HttpRequest request = request(command, query, timeouts.find()).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<ResponseStream> response;
        try {
            response = send(request);
        } catch (HttpConnectTimeoutException e) {
            throw e;
        } catch (HttpTimeoutException e) {
            throw new ContentNotFoundException(command + " " + cid + ": the IPFS node found no content for it within "
                    + timeouts.find().toSeconds() + " s; check that it was added to a node this one can reach", cid, e);
        }
        return errors.ok(command, response);
    }

    /**
     * Sends a multipart upload and reads the whole answer, which may be several JSON lines.
     * Waits up to the transfer timeout for the node to answer.
     *
     * @param command e.g. {@code "add"}
     * @param query   URL-encoded parameters
     * @param body    the upload, fresh for this attempt
     * @return the answer text
     * @throws IpfsCommandException if the node refused
     * @throws IOException          on a transport failure, or if the body could not be read
     */
    public String upload(String command, String query, MultipartBody body) throws IOException {
        HttpRequest request = request(command, query, timeouts.transfer())
                .header("Content-Type", body.contentType())
                .POST(body)
                .build();
        try (InputStream in = errors.ok(command, send(request))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Checks one object of an answer for Kubo's error document, which Kubo may send with HTTP
     * 200 once it has started answering.
     *
     * @param command the command, for the message
     * @param status  the HTTP status the object came with
     * @param answer  the object
     * @throws IpfsCommandException if it is an error document
     */
    public void throwIfError(String command, int status, JsonObject answer) throws IpfsCommandException {
        errors.throwIfError(command, status, answer);
    }

    private HttpRequest.Builder request(String command, String query, Duration timeout) {
        String q = query.isEmpty() ? "" : "?" + query;
        return HttpRequest.newBuilder(api.resolve("/api/v0/" + command + q)).timeout(timeout);
    }

    private HttpResponse<ResponseStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, ResponseStream.handler(timeouts.request()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + request.uri().getPath());
        }
    }

    @Override
    public String toString() {
        return "KuboTransport[" + api + "]";
    }
}

package dln.ipfs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dln.ipfs.cid.FileCids;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server standing in for Kubo's RPC API in unit tests only: each command answers
 * with whatever the test scripted, and every request is recorded.
 */
public final class FakeKubo implements AutoCloseable {
    /** One recorded request. */
    public record Request(String method, String command, String query, byte[] body, String contentType) {
    }

    /** A scripted answer. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request, body included
         * @param attempt 1 for the first request to this command, 2 for the next, ...
         * @param exchange where to write the answer
         */
        void handle(Request request, int attempt, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-kubo");
        t.setDaemon(true);
        return t;
    });

    /** Starts on a free loopback port. */
    public FakeKubo() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v0/", this::dispatch);
        // Requests are served side by side, so a request a handler holds never hides the next one.
        server.setExecutor(threads);
        server.start();
    }

    /** @return base address for {@code KuboClient.builder} */
    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts a command, e.g. {@code "cat"} or {@code "pin/rm"}. */
    public FakeKubo on(String command, Handler handler) {
        handlers.put(command, handler);
        return this;
    }

    /** @return requests so far for {@code command} */
    public List<Request> requests(String command) {
        return requests.stream().filter(r -> r.command().equals(command)).toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String command = exchange.getRequestURI().getPath().substring("/api/v0/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(exchange.getRequestMethod(), command, exchange.getRequestURI().getRawQuery(),
                    body, exchange.getRequestHeaders().getFirst("Content-Type"));
            requests.add(request);
            Handler handler = handlers.get(command);
            if (handler == null) {
                reply(exchange, 404, "404 page not found\n");
                return;
            }
            handler.handle(request, requests(command).size(), exchange);
        }
    }

    /** Writes a complete answer. */
    public static void reply(HttpExchange exchange, int status, String body) throws IOException {
        reply(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a complete answer. */
    public static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Acts like Kubo's add: takes the single file part and answers with its CID. */
    public static void honestAdd(Request r, int attempt, HttpExchange exchange) throws IOException {
        byte[] file = filePart(r);
        reply(exchange, 200, "{\"Name\":\"f\",\"Hash\":\"" + FileCids.of(file) + "\",\"Size\":\"" + file.length + "\"}\n");
    }

    /** @return the file part of a multipart upload with one part, as Kubo's add reads it */
    public static byte[] filePart(Request r) {
        String boundary = r.contentType().substring(r.contentType().indexOf("boundary=") + 9);
        byte[] body = r.body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        int end = text.lastIndexOf("\r\n--" + boundary + "--");
        return Arrays.copyOfRange(body, start, end);
    }

    /**
     * A node stuck mid-answer: sends the first {@code sent} bytes of {@code content}, then
     * nothing more until {@code release} counts down (the test's end), and drops the connection.
     */
    public static Handler stallingAfter(byte[] content, int sent, java.util.concurrent.CountDownLatch release) {
        return (r, n, exchange) -> {
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content, 0, sent);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test over");
        };
    }

    /** Holds the answer back for {@code millis}, as Kubo does while it looks for content. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kubo's error document, as it sends with HTTP 500. */
    public static String kuboError(String message) {
        return "{\"Message\":\"" + message + "\",\"Code\":0,\"Type\":\"error\"}\n";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

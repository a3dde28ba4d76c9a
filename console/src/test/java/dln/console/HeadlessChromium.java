package dln.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's Chromium, headless, holding one page open and answering JavaScript expressions
 * over the DevTools protocol (a WebSocket), so a test can watch a page change without reloading
 * it. Written here because no library on the allowed registries drives Chromium from Java
 * without a download of its own browser.
 */
final class HeadlessChromium implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentHashMap<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();

    private HeadlessChromium(final Process process, final Path profile, final WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/chromium"));
    }

    /** Opens {@code url} in a new headless Chromium. */
    static HeadlessChromium open(final String url) throws Exception {
        final Path profile = Files.createTempDirectory("dln-chromium");
        final ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, url)).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile());
        // Its singleton socket folder goes to TMPDIR: inside the profile, it goes with it.
        builder.environment().put("TMPDIR", profile.toString());
        final Process p = builder.start();
        final Path portFile = profile.resolve("DevToolsActivePort");
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > until || !p.isAlive()) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not open its DevTools port: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        final int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        final HttpClient http = HttpClient.newHttpClient();
        String ws = null;
        while (ws == null && System.nanoTime() < until) {
            final JsonArray targets = JsonParser.parseString(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            for (var t : targets) {
                final JsonObject o = t.getAsJsonObject();
                if ("page".equals(o.get("type").getAsString())) {
                    ws = o.get("webSocketDebuggerUrl").getAsString();
                }
            }
            Thread.sleep(100);
        }
        final HeadlessChromium[] self = new HeadlessChromium[1];
        final WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(final WebSocket w, final CharSequence data, final boolean last) {
                text.append(data);
                if (last) {
                    final JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
                    text.setLength(0);
                    if (message.has("id") && self[0] != null) {
                        final CompletableFuture<JsonObject> reply = self[0].replies.remove(message.get("id").getAsInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                }
                w.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, profile, socket);
        return self[0];
    }

    /** The value of a JavaScript expression in the open page, as text. */
    String eval(final String expression) throws Exception {
        final int id = ids.incrementAndGet();
        final CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(id, reply);
        final JsonObject call = new JsonObject();
        call.addProperty("id", id);
        call.addProperty("method", "Runtime.evaluate");
        final JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        call.add("params", params);
        socket.sendText(call.toString(), true).get(10, TimeUnit.SECONDS);
        final JsonObject result = reply.get(10, TimeUnit.SECONDS).getAsJsonObject("result").getAsJsonObject("result");
        return result.has("value") ? result.get("value").getAsString() : "";
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        // Chromium's zygote and renderers can outlive its main process for a moment and keep writing into the
        // profile: the main process first (so it tidies up after itself), then whatever of its tree is left,
        // before the profile goes; files that vanish meanwhile are let go.
        final List<ProcessHandle> children = process.descendants().toList();
        try {
            stop(process.toHandle());
            for (ProcessHandle child : children) {
                stop(child);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTolerantly(profile);
    }

    private static void stop(final ProcessHandle process) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        }
    }

    private static void deleteTolerantly(final Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, final IOException e) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException late) {
                    // A straggler wrote after the walk; the temporary folder is the system's to reclaim.
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

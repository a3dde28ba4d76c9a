package dln.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.UpdateStatus;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console against an in-process consortium (the real contracts, with events): its pages show
 * what the ledger holds, an update committed while a page is open is announced by a server-sent
 * event, and bad requests get 400/404/405 pages without a trace.
 */
class ConsoleTest {

    private static final String HOSTILE = "weights all zero <script>alert('x')</script> & more";

    private final InProcessMembers net = new InProcessMembers();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConsoleServer console;
    private String model;
    private UpdateView good;
    private UpdateView bad;

    @BeforeEach
    void consortium() {
        model = net.publishAndOpen("digits <b>federated</b>", "federated");
        good = net.submit("org1/User3", model, List.of(UpdateView.INITIAL), 1);
        bad = net.submit("org2/User3", model, List.of(UpdateView.INITIAL), 1);
        net.score(good.id(), 0.91, 0.93, null);
        net.score(bad.id(), 0.12, 0.10, HOSTILE);
        // Round 1 closed by quorum; its aggregate recorded by one provider and contested by another.
        final RoundView closed = net.as("org1/User1").getRound(model, 1);
        assertTrue(closed.closed(), "both decided: round 1 closes");
        net.as("org1/User3").recordAggregate(model, 1, net.cid());
        net.as("org2/User3").disputeAggregate(model, 1, net.cid(), null);
        console = ConsoleServer.start(net.as("org3/User1"), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void theModelsPageListsEveryModelWithItsStatusAndPolicy() throws Exception {
        final HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        final String page = r.body();
        assertTrue(page.contains(model), "the model's id");
        assertTrue(page.contains("digits &lt;b&gt;federated&lt;/b&gt;"), "the name, escaped");
        assertFalse(page.contains("<b>federated</b>"), "no ledger string is markup");
        assertTrue(page.contains(">open<"), "its status");
        assertTrue(page.contains("median ≥ 0.800, quorum 2"), "its acceptance policy");
        assertTrue(page.contains("2 of 2"), "its approvals");
        assertTrue(page.contains("read-only"), "the console says it writes nothing");
        assertTrue(page.contains("href=\"/ledger/model/" + model + "\""), "values link to the ledger record they come from");
    }

    @Test
    void theModelPageShowsUpdatesScoresReasonsAndTheAggregateCheck() throws Exception {
        final String page = get("/models/" + model).body();
        assertTrue(page.contains(good.id().substring(0, 14)) && page.contains(bad.id().substring(0, 14)), "both updates");
        assertTrue(page.contains("0.9200"), "the accepted update's combined score, the median of 0.91 and 0.93");
        assertTrue(page.contains(">accepted<") && page.contains(">rejected<"), "each update's status");
        assertTrue(page.contains("org2/User2 0.1200"), "each member's score");
        assertTrue(page.contains("org3/User2: weights all zero &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), "the reason, escaped");
        assertFalse(page.contains("<script>alert"), "a reason never runs");
        assertTrue(page.contains(">disputed<") && page.contains("org2/User3"), "round 1's aggregate is disputed, by whom");
        assertTrue(page.contains("<svg"), "the committee's score per round is drawn");
        assertTrue(page.contains("href=\"/ledger/scores/" + bad.id() + "\""), "scores link to their ledger key");

        final String update = get("/updates/" + bad.id()).body();
        assertTrue(update.contains("0.1000") && update.contains("0.1200") && update.contains(">rejected<"), update);
        assertTrue(get("/models/" + model + "/dag").body().contains("class=\"node accepted\""), "the DAG, drawn by the report's code");
        final String timing = get("/models/" + model + "/timing").body();
        assertTrue(timing.contains("<th>IPFS</th>") && timing.contains("<th>ledger and waiting</th>") && timing.contains("<th>idle</th>"),
                "the timing table splits a round: " + timing);
        assertTrue(timing.matches("(?s).*>1\\.50 s</td><td[^>]*>0\\.98 s</td>.*"), "training and IPFS as the providers declared them");
        assertTrue(update.contains("fetch 0.21 s, upload 0.77 s"), "an update's IPFS times");
        final String ids = get("/identities").body();
        assertTrue(ids.contains("org1/User3") && ids.contains("org2/User2") && ids.contains("publisher"), "every identity named with its roles");

        final String record = get("/ledger/update/" + good.id()).body();
        assertTrue(record.contains("query:GetUpdate") && record.contains("dln.update [" + good.id() + "]"), "the record page names key and query");
        assertTrue(get("/ledger/round/" + model + "/1").body().contains("disputes"), "the round record as returned, disputes included");
    }

    @Test
    void anUpdateCommittedWhileAPageIsOpenIsAnnouncedAndThenShown() throws Exception {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(uri("/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        final Thread reader = new Thread(() -> {
            try {
                stream.body().filter(l -> l.startsWith("data:")).forEach(events::add);
            } catch (java.io.UncheckedIOException closed) {
                // The test closed the stream.
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            final String first = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "a new stream is told the ledger's counter at once");

            final UpdateView late = net.submit("org1/User3", model, net.as("org1/User1").getRound(model, 2).parents(), 2);
            final String next = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "the committed update is announced");
            assertNotEquals(first, next, "with a newer counter");

            final String page = get("/models/" + model).body();
            assertTrue(page.contains(late.id().substring(0, 14)), "the page read after the event shows the new update");
            assertEquals(UpdateStatus.PENDING, net.as("org1/User1").getUpdate(late.id()).status());
            assertTrue(page.contains(">pending<"), "with its status as the ledger has it");
        } finally {
            stream.body().close();
        }
    }

    @Test
    void badRequestsGetShortErrorPagesNeverATrace() throws Exception {
        assertProblem(get("/models/m-0123456789abcdef0123456789abcdef"), 404, "no model");
        assertProblem(get("/models/not-a-model"), 400, "not a model id");
        assertProblem(get("/models/M-0123456789ABCDEF0123456789ABCDEF/dag"), 400, "not a model id");
        assertProblem(get("/updates/u-0123456789abcdef0123456789abcdef"), 404, "no update");
        assertProblem(get("/updates/%3Cscript%3E"), 400, "not an update id");
        assertProblem(get("/ledger/round/" + model + "/0"), 400, "not a round");
        assertProblem(get("/ledger/round/" + model + "/99"), 404, "ROUND_NOT_FOUND");
        assertProblem(get("/ledger/reputation"), 400, "msp");
        assertProblem(get("/no/such/page"), 404, "no page");
        final HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(post, 405, "read-only");
    }

    private static void assertProblem(final HttpResponse<String> r, final int status, final String says) {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        assertTrue(r.body().contains(says), r.uri() + " says " + says + ": " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at dln."), "no trace: " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "an HTML page");
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }
}

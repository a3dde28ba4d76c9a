package dln.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FabricLedger;
import dln.core.protocol.LearningPolicy;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console on the real network: a session runs while headless Chromium holds a model's page
 * open; an update committed after the page loaded appears in it, with the status and score the
 * ledger has, and the page was never reloaded.
 */
class ConsoleIT {

    @Test
    @Timeout(900)
    void anUpdateCommittedWhileThePageIsOpenAppearsWithoutAReload() throws Exception {
        // As the report rendering test: without the machine's chromium (./dln setup installs it as root) it is skipped.
        org.junit.jupiter.api.Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium is not installed: apt-get install chromium");
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        try (DlnLedger ledger = FabricLedger.connect(profile, profile.roles().publisher());
             ConsoleServer console = ConsoleServer.start(FabricLedger.connect(profile, profile.roles().publisher()), "127.0.0.1", 0)) {
            final Set<String> before = new HashSet<>(ledger.listModels().stream().map(ModelView::id).toList());
            final SessionConfig config = new SessionConfig("mlp", 2, 0, Attack.NONE, "iid", 3, 0, 1, 0.5, 2, "median", "fedavg", 11)
                    .with(LearningPolicy.parse("contribution:3", "median_capped"));
            final CompletableFuture<LearningSession.Result> session = CompletableFuture.supplyAsync(() -> {
                try (NetworkConsortium consortium = new NetworkConsortium(profile)) {
                    return new LearningSession(config, consortium, line -> { }, who -> new TrainingListener() { }).withoutBaseline().run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            final String model = awaitNewModel(ledger, before, session);
            try (HeadlessChromium page = HeadlessChromium.open("http://127.0.0.1:" + console.port() + "/models/" + model)) {
                awaitTrue(() -> page.eval("document.readyState").equals("complete") && page.eval("document.querySelector('main') ? 'y' : ''").equals("y"),
                        "the model page loads");
                page.eval("window.dlnMarker = 'loaded once'");
                final Set<String> shown = new HashSet<>(ledger.listUpdates(model, 0, null).stream().map(UpdateView::id).toList());
                // An update that was not on the ledger when the page loaded, decided since.
                final UpdateView late = awaitValue(() -> ledger.listUpdates(model, 0, null).stream()
                        .filter(u -> !shown.contains(u.id()) && !u.pending()).findFirst(), "a new update decided while the page is open");
                final String row = "(document.querySelector('main a[href=\"/updates/" + late.id() + "\"]') || {closest: () => null})"
                        + ".closest('tr')";
                // The decision is on the ledger: the open page catches up with it by itself.
                final String status = late.status().wire();
                final String score = late.score() == null ? "" : String.format(Locale.ROOT, "%.4f", late.score());
                final String[] seen = {""};
                awaitTrue(() -> {
                    seen[0] = page.eval("(" + row + " || {innerText: ''}).innerText");
                    return seen[0].contains("\t" + status + "\t") && seen[0].contains(score);
                }, () -> "the update's row with the ledger's status " + status + " and score " + score + " (last seen: " + seen[0] + ")");
                assertEquals(status, ledger.getUpdate(late.id()).status().wire(), "decisions are final");
                assertEquals("loaded once", page.eval("window.dlnMarker"), "the page changed in place: no reload");
            }
            session.get(10, TimeUnit.MINUTES);
            // Where the real providers' time went: each declared its IPFS fetch and upload, and the console shows them.
            final UpdateView decided = ledger.listUpdates(model, 0, null).get(0);
            assertTrue(decided.transfers() != null && decided.transfers().uploadMillis() > 0, "a real provider declares its IPFS times: " + decided);
            final String expected = String.format(Locale.ROOT, "fetch %.2f s, upload %.2f s", decided.transfers().fetchMillis() / 1000.0,
                    decided.transfers().uploadMillis() / 1000.0);
            final String updatePage = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + console.port() + "/updates/" + decided.id())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(updatePage.contains(expected), "the update page shows " + expected);
        }
    }

    private static String awaitNewModel(final DlnLedger ledger, final Set<String> before, final CompletableFuture<?> session) throws Exception {
        return awaitValue(() -> {
            if (session.isCompletedExceptionally()) {
                session.join();
            }
            return ledger.listModels().stream().map(ModelView::id).filter(id -> !before.contains(id)).findFirst();
        }, "the session's model");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private interface Probe<T> {
        Optional<T> value() throws Exception;
    }

    private static void awaitTrue(final Check check, final String what) throws Exception {
        awaitTrue(check, () -> what);
    }

    private static void awaitTrue(final Check check, final java.util.function.Supplier<String> what) throws Exception {
        awaitValue(() -> check.ok() ? Optional.of(true) : Optional.empty(), what);
    }

    private static <T> T awaitValue(final Probe<T> probe, final String what) throws Exception {
        return awaitValue(probe, () -> what);
    }

    private static <T> T awaitValue(final Probe<T> probe, final java.util.function.Supplier<String> what) throws Exception {
        final long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < until) {
            final Optional<T> v = probe.value();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what.get());
    }
}

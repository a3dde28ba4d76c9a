package dln.console;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The console's web server: GET routes only, each a page rendered from the ledger, plus the
 * event stream and the page script. Anything else gets a short error page: 400 for a malformed
 * request, 404 for what the ledger does not have, 405 for any method but GET (the console is
 * read-only), 500 with one line for a failed ledger read; never a stack trace.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final String RENDERED = "dln.rendered";

    private final LedgerReader reader;
    private final LiveFeed feed;
    private final String boot = Long.toString(System.currentTimeMillis(), 36);
    private final Javalin app;
    private final String script;

    private ConsoleServer(final DlnLedger ledger) {
        this.reader = new LedgerReader(ledger);
        this.feed = new LiveFeed(ledger.events(), boot);
        this.script = resource("console.js");
        final ModelsPage models = new ModelsPage(reader);
        final ModelPage model = new ModelPage(reader);
        final DagPage dag = new DagPage(reader);
        final TimingPage timing = new TimingPage(reader);
        final UpdatePage update = new UpdatePage(reader);
        final IdentitiesPage identities = new IdentitiesPage(reader);
        final RecordPage records = new RecordPage(reader);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.routes.get("/", ctx -> page(ctx, models::render));
            config.routes.get("/models/{id}", ctx -> page(ctx, () -> model.render(ctx.pathParam("id"))));
            config.routes.get("/models/{id}/dag", ctx -> page(ctx, () -> dag.render(ctx.pathParam("id"))));
            config.routes.get("/models/{id}/timing", ctx -> page(ctx, () -> timing.render(ctx.pathParam("id"))));
            config.routes.get("/updates/{id}", ctx -> page(ctx, () -> update.render(ctx.pathParam("id"))));
            config.routes.get("/identities", ctx -> page(ctx, identities::render));
            config.routes.get("/ledger/model/{id}", ctx -> page(ctx, () -> records.render(RecordPage.model(ctx.pathParam("id")))));
            config.routes.get("/ledger/update/{id}", ctx -> page(ctx, () -> records.render(RecordPage.update(ctx.pathParam("id")))));
            config.routes.get("/ledger/scores/{id}", ctx -> page(ctx, () -> records.render(RecordPage.scores(ctx.pathParam("id")))));
            config.routes.get("/ledger/round/{id}/{n}", ctx -> page(ctx,
                    () -> records.render(RecordPage.round(ctx.pathParam("id"), ctx.pathParam("n")))));
            config.routes.get("/ledger/reputation", ctx -> page(ctx,
                    () -> records.render(RecordPage.reputation(ctx.queryParam("msp"), ctx.queryParam("x509")))));
            config.routes.get("/console.js", ctx -> {
                headers(ctx);
                ctx.contentType("text/javascript; charset=utf-8").result(script);
            });
            config.routes.sse("/events", feed::join);
            config.routes.exception(HttpProblem.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // The reader gets one line; the operator's terminal gets what failed.
                System.err.println("console: " + ctx.method() + " " + ctx.path() + ": " + e);
                error(ctx, 500, e instanceof LedgerException le ? "the ledger refused a read: " + le.code()
                        : "the console could not read the ledger (" + e.getClass().getSimpleName() + "); see the console's output");
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(RENDERED) == null) {
                    error(ctx, 404, "no page at " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "the console is read-only: it answers GET only"));
        });
    }

    /** Starts a console reading through {@code ledger} on {@code host}:{@code port} (0: any free port). */
    public static ConsoleServer start(final DlnLedger ledger, final String host, final int port) {
        final ConsoleServer s = new ConsoleServer(ledger);
        s.feed.start();
        s.app.start(host, port);
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    private void page(final Context ctx, final Supplier<String> render) {
        // The counter before the reads: a change committed during them makes the page's event differ, so it re-reads.
        final String stamp = LiveFeed.stamp(boot, reader.generation());
        final String html = render.get();
        headers(ctx);
        ctx.html(html.replace(Html.GENERATION, "data-generation=\"" + stamp + "\""));
    }

    private void error(final Context ctx, final int status, final String message) {
        ctx.attribute(RENDERED, true);
        headers(ctx);
        final String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            default -> "The ledger could not be read";
        };
        ctx.status(status).html(Html.page(title, reader.identity().shortName()).h1(status + " " + title).raw("<p>").esc(message)
                .raw("</p>\n<p><a href=\"/\">all models</a></p>\n").end());
    }

    private static void headers(final Context ctx) {
        ctx.header("Content-Security-Policy", Html.CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private static String resource(final String name) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        feed.close();
        app.stop();
    }
}

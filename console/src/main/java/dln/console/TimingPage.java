package dln.console;

import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Where a round's time went, from the ledger's own times: the round's open and close, each
 * update's submission and decision (transaction timestamps) and the training and IPFS times its
 * provider declared with it. What lies between a round's opening and a
 * submission besides those (ledger reads and commits, a late start) the ledger cannot tell apart:
 * it is shown as one figure and says so.
 */
final class TimingPage {

    private final LedgerReader reader;

    TimingPage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render(final String rawId) {
        final ModelView m = reader.model(Ids.model(rawId)).orElseThrow(() -> HttpProblem.notFound("no model " + rawId + " on the ledger"));
        final List<UpdateView> updates = reader.updates(m.id());
        final Html h = Html.page(m.name() + " timing", reader.identity().shortName());
        h.raw("<h1>Timing of <a href=\"").raw(Links.model(m.id())).raw("\">").esc(m.name()).raw("</a></h1>\n");
        return m.federated() ? rounds(h, m, updates) : steps(h, updates);
    }

    private String rounds(final Html h, final ModelView m, final List<UpdateView> updates) {
        h.note("Medians over the round's updates. \"Training\" and \"IPFS\" (fetching the start weights, uploading the trained ones) "
                + "are what each provider declared with its update. \"Ledger and waiting\": the rest of the time from the round's opening "
                + "to a submission (the ledger reads, the SubmitUpdate endorsement, a provider starting late). \"Committee\": from a "
                + "submission to its decision. \"Idle\": from the round's last decision to its close, when nobody works.");
        h.table("round", "status", "updates", "round duration", "training", "IPFS", "ledger and waiting", "committee", "idle");
        for (DlnLedger.RoundRecord rr : reader.rounds(m)) {
            final RoundView r = rr.round();
            final String rec = Links.roundRecord(m.id(), r.number());
            final List<UpdateView> in = updates.stream().filter(u -> u.round() == r.number()).toList();
            final Instant opened = time(r.openedAt());
            final Instant closed = time(r.closedAt());
            final Instant lastDecision = in.stream().map(u -> time(u.decidedAt())).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
            h.row(Html.link(rec, Integer.toString(r.number())), Html.status(ModelsPage.wire(r.status())), Integer.toString(in.size()),
                    Html.link(rec, seconds(between(opened, closed))),
                    seconds(median(in, UpdateView::trainingMillis)),
                    seconds(median(in, TimingPage::ipfs)),
                    seconds(median(in, u -> opened == null || time(u.submittedAt()) == null ? -1
                            : Math.max(0, between(opened, time(u.submittedAt())) - u.trainingMillis() - Math.max(0, ipfs(u))))),
                    seconds(median(in, u -> between(time(u.submittedAt()), time(u.decidedAt())))),
                    Html.link(rec, seconds(between(lastDecision, closed))));
        }
        return h.endTable().end();
    }

    /** The provider's declared IPFS time, -1 when it declared none. */
    private static long ipfs(final UpdateView u) {
        return u.transfers() == null ? -1 : u.transfers().totalMillis();
    }

    private String steps(final Html h, final List<UpdateView> updates) {
        h.note("One row per gossip step, in submission order: the provider's training and IPFS time (as it declared them), the time "
                + "since the previous step's submission, and the committee's time from submission to decision.");
        h.table("step", "update", "provider", "training", "IPFS", "since previous step", "committee");
        Instant previous = null;
        int step = 0;
        for (UpdateView u : updates) {
            final Instant at = time(u.submittedAt());
            final String rec = Links.updateRecord(u.id());
            h.row(Integer.toString(++step), "<a class=\"id\" href=\"" + Links.update(u.id()) + "\">" + Html.text(ModelPage.shortId(u.id())) + "</a>",
                    Html.text(u.submitter().shortName()), Html.link(rec, seconds(u.trainingMillis())), Html.link(rec, seconds(ipfs(u))),
                    Html.link(rec, seconds(between(previous, at))), Html.link(rec, seconds(between(at, time(u.decidedAt())))));
            previous = at;
        }
        return h.endTable().end();
    }

    private static long median(final List<UpdateView> in, final ToLongFunction<UpdateView> f) {
        final long[] v = in.stream().mapToLong(f).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? -1 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Milliseconds from {@code a} to {@code b}; -1 when either is unknown. */
    private static long between(final Instant a, final Instant b) {
        return a == null || b == null ? -1 : Duration.between(a, b).toMillis();
    }

    private static String seconds(final long millis) {
        return millis < 0 ? "–" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static Instant time(final String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

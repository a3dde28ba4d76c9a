package dln.console;

import dln.api.view.ModelView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import java.util.List;
import java.util.Locale;

/** One update: where it came from, its parents, and each committee member's score and reason. */
final class UpdatePage {

    private final LedgerReader reader;

    UpdatePage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render(final String rawId) {
        final UpdateView u = reader.update(Ids.update(rawId)).orElseThrow(() -> HttpProblem.notFound("no update " + rawId + " on the ledger"));
        final String rec = Links.updateRecord(u.id());
        final Html h = Html.page("update " + ModelPage.shortId(u.id()), reader.identity().shortName());
        h.raw("<h1>Update <span class=\"id\">").esc(u.id()).raw("</span> ").raw(Html.status(ModelsPage.wire(u.status()))).raw("</h1>\n");
        final String modelName = reader.model(u.modelId()).map(ModelView::name).orElse(u.modelId());
        h.table("field", "value");
        h.row("model", "<a href=\"" + Links.model(u.modelId()) + "\">" + Html.text(modelName) + "</a>");
        h.row("provider", Html.link(Links.reputationRecord(u.submitter()), u.submitter().shortName() + " (" + u.submitter().mspId() + ")"));
        h.row("round", Html.link(rec, u.round() == 0 ? "gossip" : Integer.toString(u.round())));
        h.row("status", Html.link(rec, ModelsPage.wire(u.status())));
        h.row("combined score", Html.link(rec, Html.num(u.score(), 4)));
        h.row("contribution (nats)", Html.link(rec, Html.num(u.contribution(), 5)));
        h.row("weights", "<span class=\"id\">" + Html.link(rec, u.weightsCid()) + "</span>");
        h.row("samples claimed", Html.link(rec, Long.toString(u.samples())));
        h.row("training", Html.link(rec, String.format(Locale.ROOT, "%.1f s", u.trainingMillis() / 1000.0)));
        if (u.transfers() != null) {
            h.row("IPFS", Html.link(rec, String.format(Locale.ROOT, "fetch %.2f s, upload %.2f s", u.transfers().fetchMillis() / 1000.0,
                    u.transfers().uploadMillis() / 1000.0)));
        }
        h.row("submitted / decided", Html.link(rec, u.submittedAt() + " / " + ModelPage.nz(u.decidedAt())));
        final StringBuilder parents = new StringBuilder();
        for (String p : u.parents()) {
            parents.append(parents.length() == 0 ? "" : "<br>").append(UpdateView.INITIAL.equals(p) ? "initial weights"
                    : "<a class=\"id\" href=\"" + Links.update(p) + "\">" + Html.text(p) + "</a>");
        }
        h.row("parents", parents.toString());
        h.endTable();

        final List<ScoreView> scores = reader.scores(u);
        h.h2("Scores");
        if (scores.isEmpty()) {
            return h.note("No member has scored it yet.").end();
        }
        h.table("member", "value", "samples", "contribution", "± SE", "at", "reason");
        final String srec = Links.scoresRecord(u.id());
        for (ScoreView s : scores) {
            h.row(Html.link(Links.reputationRecord(s.member()), s.member().shortName()),
                    Html.link(srec, s.unavailable() ? "unavailable" : String.format(Locale.ROOT, "%.4f", s.value())),
                    Html.link(srec, Long.toString(s.samples())), Html.link(srec, Html.num(s.contribution(), 5)),
                    Html.link(srec, Html.num(s.contributionSe(), 5)), Html.link(srec, s.at()),
                    s.reason() == null ? "" : "<span class=\"reason\">" + Html.text(s.reason()) + "</span>");
        }
        return h.endTable().end();
    }
}

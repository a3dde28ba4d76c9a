package dln.console;

import dln.api.DlnLedger;
import dln.api.Metric;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.session.report.AccuracyChart;
import dln.session.report.RoundPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One model as it runs: its settings and committee, the committee's score per round, the rounds
 * (or gossip steps) with their aggregates, and every update with its scores and the reasons a
 * member gave for a rejection.
 */
final class ModelPage {

    private final LedgerReader reader;

    ModelPage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render(final String rawId) {
        final ModelView m = reader.model(Ids.model(rawId)).orElseThrow(() -> HttpProblem.notFound("no model " + rawId + " on the ledger"));
        final List<UpdateView> updates = reader.updates(m.id());
        final Html h = Html.page(m.name(), reader.identity().shortName());
        h.raw("<h1>").esc(m.name()).raw(" ").raw(Html.status(ModelsPage.wire(m.status()))).raw("</h1>\n");
        h.raw("<p><a href=\"").raw(Links.dag(m.id())).raw("\">update DAG</a> · <a href=\"").raw(Links.timing(m.id()))
                .raw("\">timing</a> · <a href=\"").raw(Links.modelRecord(m.id())).raw("\">ledger record</a></p>\n");
        settings(h, m);
        committee(h, m);
        chart(h, m, updates);
        if (m.federated()) {
            rounds(h, m, updates);
        }
        updates(h, m, updates);
        return h.end();
    }

    private static void settings(final Html h, final ModelView m) {
        final String rec = Links.modelRecord(m.id());
        h.table("field", "value");
        h.row("model", Html.link(rec, m.id()));
        h.row("mode", Html.link(rec, ModelsPage.wire(m.mode()) + (m.federated()
                ? ", current round " + m.currentRound() + (m.rounds() == null ? "" : ", min " + m.rounds().minUpdates() + " updates, deadline "
                        + m.rounds().deadlineSeconds() + " s")
                : m.gossip() == null ? "" : ", at most " + m.gossip().maxParents() + " parents")));
        h.row("metric", Html.link(rec, ModelsPage.wire(m.metric())));
        h.row("aggregation", Html.link(rec, m.aggregation() == null ? "" : m.aggregation().rule()
                + (m.aggregation().params() == null || m.aggregation().params().size() == 0 ? "" : " " + m.aggregation().params())));
        h.row("acceptance", Html.link(rec, ModelsPage.acceptance(m)));
        final ModelView.Weighting w = m.weightingOrClaimed();
        h.row("weighting", Html.link(rec, ModelsPage.wire(w.policy()) + (w.cap() > 0 ? ", cap " + w.cap() : "")
                + (w.perOrganisation() ? ", per organisation" : "") + (w.trust() > 0 ? ", trust power " + w.trust() : "")));
        h.row("server optimiser", Html.link(rec, m.optimiser() == null ? "none" : m.optimiser().name()
                + (m.optimiser().params() == null || m.optimiser().params().size() == 0 ? "" : " " + m.optimiser().params())));
        h.row("approvals", Html.link(rec, ModelsPage.approvals(m)));
        h.row("publisher", Html.link(Links.reputationRecord(m.publisher()), m.publisher().shortName()));
        h.row("published / opened / closed", Html.link(rec, nz(m.createdAt()) + " / " + nz(m.openedAt()) + " / " + nz(m.closedAt())));
        h.row("initial weights", Html.link(rec, m.initialWeightsCid()));
        h.endTable();
    }

    private static void committee(final Html h, final ModelView m) {
        h.h2("Committee");
        h.table("member", "organisation", "validation samples", "vote", "at", "reason");
        for (ModelView.Member c : m.committee()) {
            final ModelView.Vote v = m.votes() == null ? null
                    : m.votes().stream().filter(x -> x.member().equals(c.identity())).findFirst().orElse(null);
            final String rec = Links.modelRecord(m.id());
            h.row(Html.link(Links.reputationRecord(c.identity()), c.identity().shortName()), Html.text(c.identity().mspId()),
                    c.fragment() == null ? "–" : Long.toString(c.fragment().samples()),
                    v == null ? "not yet" : Html.link(rec, v.approve() ? "approved" : "declined"),
                    v == null ? "" : Html.link(rec, v.at()),
                    v == null || v.reason() == null ? "" : "<span class=\"reason\">" + Html.text(v.reason()) + "</span>");
        }
        h.endTable();
    }

    /**
     * The committee's validation scores of accepted updates: per round (median and best) or per
     * gossip step. They are what the ledger holds; test accuracy is measured off the ledger.
     */
    private static void chart(final Html h, final ModelView m, final List<UpdateView> updates) {
        if (m.metric() != Metric.ACCURACY) {
            return;
        }
        final List<RoundPoint> points = new ArrayList<>();
        if (m.federated()) {
            updates.stream().filter(u -> u.accepted() && u.score() != null).collect(Collectors.groupingBy(UpdateView::round, java.util.TreeMap::new,
                    Collectors.mapping(UpdateView::score, Collectors.toList()))).forEach((round, scores) -> {
                        points.add(new RoundPoint("median of accepted updates", round, median(scores)));
                        points.add(new RoundPoint("best accepted update", round, scores.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
                    });
        } else {
            int step = 0;
            for (UpdateView u : updates) {
                step++;
                if (u.accepted() && u.score() != null) {
                    points.add(new RoundPoint("accepted update", step, u.score()));
                }
            }
        }
        if (points.isEmpty()) {
            return;
        }
        h.h2(m.federated() ? "Committee score per round" : "Committee score per gossip step");
        h.raw("<figure class=\"chart\">").raw(new AccuracyChart("acc-").svg(points, List.of(),
                m.federated() ? "Round" : "Gossip step (submission order)", "Committee validation accuracy (%)")).raw("</figure>\n");
        h.note("The committee's validation accuracy of the accepted updates, as recorded in their scores; the test accuracy of each "
                + "aggregate is not on the ledger (./dln publisher status --test measures it).");
    }

    private void rounds(final Html h, final ModelView m, final List<UpdateView> updates) {
        h.h2("Rounds");
        h.table("round", "status", "submitted", "abstained", "accepted", "rejected", "pending / expired", "opened", "closed", "closed by",
                "aggregate", "aggregate check");
        for (DlnLedger.RoundRecord rr : reverse(reader.rounds(m))) {
            final RoundView r = rr.round();
            final String rec = Links.roundRecord(m.id(), r.number());
            final List<UpdateView> in = updates.stream().filter(u -> u.round() == r.number()).toList();
            h.row(Html.link(rec, Integer.toString(r.number())), Html.status(ModelsPage.wire(r.status())), Integer.toString(in.size()),
                    abstained(rr), Html.link(rec, Integer.toString(r.accepted() == null ? 0 : r.accepted().size())),
                    Long.toString(in.stream().filter(u -> u.status() == dln.api.UpdateStatus.REJECTED).count()),
                    in.stream().filter(UpdateView::pending).count() + " / " + in.stream().filter(u -> u.status() == dln.api.UpdateStatus.EXPIRED).count(),
                    Html.link(rec, r.openedAt()), Html.link(rec, nz(r.closedAt())), Html.link(rec, nz(r.closedBy())),
                    r.aggregate() == null ? "–" : "<span class=\"id\">" + Html.link(rec, r.aggregate().cid()) + "</span>",
                    check(rr));
        }
        h.endTable();
        h.note("An aggregate is recorded by the first participant that computed it; every other participant recomputes it and "
                + "disputes a different result. \"undisputed\" means no participant has disputed it so far. A provider with nothing left "
                + "to learn (its training left the model where it was) abstains: its turn in the round, without an update.");
    }

    /** The providers that abstained from the round, each with its reason. */
    private static String abstained(final DlnLedger.RoundRecord rr) {
        if (rr.abstentions().isEmpty()) {
            return "0";
        }
        return rr.abstentions().size() + ": " + rr.abstentions().stream().map(a -> Html.text(a.by().shortName()) + " <span class=\"reason\">("
                + Html.text(a.reason()) + ")</span>").collect(Collectors.joining(", "));
    }

    private static String check(final DlnLedger.RoundRecord rr) {
        final RoundView r = rr.round();
        if (r.aggregationError() != null) {
            return "<span class=\"reason\">" + Html.text(r.aggregationError()) + "</span>";
        }
        if (r.aggregate() == null) {
            return r.closed() && (r.accepted() == null || r.accepted().isEmpty()) ? "nothing accepted: parents handed on" : "–";
        }
        if (rr.disputes().isEmpty()) {
            return "<span class=\"st verified\">undisputed</span>" + " recorded by " + Html.text(r.aggregate().by().shortName());
        }
        return Html.status("disputed") + " by " + Html.text(rr.disputes().stream().map(d -> d.by().shortName() + " (" + d.cid() + ")")
                .collect(Collectors.joining(", ")));
    }

    private void updates(final Html h, final ModelView m, final List<UpdateView> updates) {
        h.h2(m.federated() ? "Updates" : "Gossip steps");
        if (updates.isEmpty()) {
            h.note("No update yet.");
            return;
        }
        h.table("#", "update", m.federated() ? "round" : "parents", "provider", "status", "score", "contribution", "scores", "samples",
                "training", "submitted", "decided", "reasons");
        int i = updates.size();
        for (UpdateView u : reverse(updates)) {
            final List<ScoreView> scores = reader.scores(u);
            final String rec = Links.updateRecord(u.id());
            h.row(Integer.toString(i--), "<a class=\"id\" href=\"" + Links.update(u.id()) + "\">" + Html.text(shortId(u.id())) + "</a>",
                    m.federated() ? Html.link(Links.roundRecord(m.id(), Math.max(1, u.round())), Integer.toString(u.round()))
                            : Html.link(rec, Integer.toString(u.parents().size())),
                    Html.link(Links.reputationRecord(u.submitter()), u.submitter().shortName()),
                    Html.status(ModelsPage.wire(u.status())),
                    Html.link(rec, Html.num(u.score(), 4)),
                    Html.link(rec, Html.num(u.contribution(), 4)),
                    Html.link(Links.scoresRecord(u.id()), scores.stream().map(ModelPage::scoreText).collect(Collectors.joining(", "))),
                    Html.link(rec, Long.toString(u.samples())),
                    Html.link(rec, String.format(Locale.ROOT, "%.1f s", u.trainingMillis() / 1000.0)),
                    Html.link(rec, u.submittedAt()), Html.link(rec, nz(u.decidedAt())),
                    reasons(scores));
        }
        h.endTable();
    }

    static String scoreText(final ScoreView s) {
        return s.member().shortName() + " " + (s.unavailable() ? "unavailable" : String.format(Locale.ROOT, "%.4f", s.value()));
    }

    /** What members said when they gave the lowest score or could not fetch the weights. */
    static String reasons(final List<ScoreView> scores) {
        return scores.stream().filter(s -> s.reason() != null && !s.reason().isBlank())
                .map(s -> "<span class=\"reason\">" + Html.text(s.member().shortName() + ": " + s.reason()) + "</span>")
                .collect(Collectors.joining("<br>"));
    }

    private static double median(final List<Double> values) {
        final double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static <T> List<T> reverse(final List<T> list) {
        final List<T> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    static String shortId(final String id) {
        return id.length() > 14 ? id.substring(0, 14) + "…" : id;
    }

    static String nz(final String s) {
        return s == null ? "–" : s;
    }
}

package dln.console;

import dln.api.view.ModelView;
import java.util.List;
import java.util.Locale;

/** The front page: every model on the ledger with its status, policy, committee and approvals. */
final class ModelsPage {

    private final LedgerReader reader;

    ModelsPage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render() {
        final List<ModelView> models = reader.models();
        final Html h = Html.page("models", reader.identity().shortName()).h1("Models");
        if (models.isEmpty()) {
            return h.note("No model is on the ledger yet. This page updates itself when one is published.").end();
        }
        h.note(models.size() + " models, oldest first. Each value links to the ledger record it was read from.");
        h.table("model", "name", "status", "mode", "metric", "aggregation", "acceptance", "weighting", "committee", "approvals", "round",
                "publisher", "published");
        for (ModelView m : models) {
            final String rec = Links.modelRecord(m.id());
            h.row("<a class=\"id\" href=\"" + Links.model(m.id()) + "\">" + Html.text(m.id()) + "</a>",
                    Html.link(Links.model(m.id()), m.name()),
                    Html.status(wire(m.status())),
                    Html.link(rec, wire(m.mode())),
                    Html.link(rec, wire(m.metric())),
                    Html.link(rec, m.aggregation() == null ? "" : m.aggregation().rule()),
                    Html.link(rec, acceptance(m)),
                    Html.link(rec, m.weightingOrClaimed().policy() == null ? "claimed" : wire(m.weightingOrClaimed().policy())),
                    Html.link(rec, m.committee().stream().map(c -> c.identity().shortName()).reduce((a, b) -> a + ", " + b).orElse("")),
                    Html.link(rec, approvals(m)),
                    m.federated() ? Html.link(rec, Integer.toString(m.currentRound())) : "gossip",
                    Html.link(Links.reputationRecord(m.publisher()), m.publisher().shortName()),
                    Html.link(rec, m.createdAt()));
        }
        return h.endTable().end();
    }

    /** How an update is decided, in one phrase. */
    static String acceptance(final ModelView m) {
        final ModelView.Acceptance a = m.acceptance();
        if (a == null) {
            return "";
        }
        final String rule = a.byContribution()
                ? String.format(Locale.ROOT, "contribution, tolerance %.1f SE", a.tolerance())
                : String.format(Locale.ROOT, "%s ≥ %.3f", a.combine() == null ? "median" : wire(a.combine()), a.threshold());
        return rule + ", quorum " + a.quorum() + (a.unavailable() == null ? "" : ", unavailable " + wire(a.unavailable()));
    }

    /** Approvals so far against the quorum that opens the model, and declines. */
    static String approvals(final ModelView m) {
        final long yes = m.votes() == null ? 0 : m.votes().stream().filter(ModelView.Vote::approve).count();
        final long no = m.votes() == null ? 0 : m.votes().size() - yes;
        return yes + " of " + m.approvalQuorum() + (no > 0 ? ", " + no + " declined" : "");
    }

    /** The ledger's spelling of an enum value ("federated", "median_capped"). */
    static String wire(final Enum<?> e) {
        return e == null ? "" : e instanceof dln.api.WireName w ? w.wire() : e.name().toLowerCase(Locale.ROOT);
    }
}

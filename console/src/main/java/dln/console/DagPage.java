package dln.console;

import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.session.report.Dag;
import dln.session.report.DagEdge;
import dln.session.report.DagLayout;
import dln.session.report.DagNode;
import dln.session.report.DagSvg;
import dln.session.report.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A model's update DAG, laid out and drawn by the report's own code (ELK layered, left to right
 * by descent), redrawn when a block commits.
 */
final class DagPage {

    private final LedgerReader reader;

    DagPage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render(final String rawId) {
        final ModelView m = reader.model(Ids.model(rawId)).orElseThrow(() -> HttpProblem.notFound("no model " + rawId + " on the ledger"));
        final List<UpdateView> updates = reader.updates(m.id());
        final Dag dag = dag(updates);
        // Laying out a large DAG takes a while: once per ledger change, not once per reader.
        final String svg = reader.remember("dag svg " + m.id(), () -> new DagSvg("dag-").svg(new DagLayout().layout(dag)));
        final Html h = Html.page(m.name() + " DAG", reader.identity().shortName());
        h.raw("<h1>Update DAG of <a href=\"").raw(Links.model(m.id())).raw("\">").esc(m.name()).raw("</a></h1>\n");
        h.note(dag.nodes().size() - 1 + " updates, " + dag.edges().size() + " parent links, left to right by descent; each box shows "
                + "the provider and the committee's score (hover for the update id). Expired updates are drawn as pending, as in the report.");
        final EnumSet<NodeStatus> present = EnumSet.noneOf(NodeStatus.class);
        dag.nodes().forEach(n -> present.add(n.status()));
        h.raw("<p>");
        for (NodeStatus st : present) {
            final DagSvg.Colours c = DagSvg.colours(st);
            h.raw("<span class=\"st\" style=\"background:").raw(c.fill()).raw(";border:1.5px solid ").raw(c.stroke()).raw("\">")
                    .raw(st.word()).raw("</span> ");
        }
        h.raw("</p>\n<div class=\"dag\">").raw(svg).raw("</div>\n");
        h.table("update", "provider", "status", "parents");
        for (UpdateView u : updates) {
            h.row("<a class=\"id\" href=\"" + Links.update(u.id()) + "\">" + Html.text(ModelPage.shortId(u.id())) + "</a>",
                    Html.text(u.submitter().shortName()), Html.status(ModelsPage.wire(u.status())),
                    Html.text(String.join(", ", u.parents().stream().map(ModelPage::shortId).toList())));
        }
        return h.endTable().end();
    }

    /** The DAG as the report draws it: the initial weights, then every update with an edge from each parent. */
    static Dag dag(final List<UpdateView> updates) {
        final List<DagNode> nodes = new ArrayList<>();
        final List<DagEdge> edges = new ArrayList<>();
        nodes.add(new DagNode(UpdateView.INITIAL, "start", NodeStatus.INITIAL, null, 0, 0));
        for (UpdateView u : updates) {
            final String status = (u.status() == UpdateStatus.EXPIRED ? UpdateStatus.PENDING : u.status()).wire();
            nodes.add(new DagNode(u.id(), u.submitter().shortName(), status, u.score(), u.round() > 0 ? u.round() : null, millis(u.submittedAt())));
            u.parents().forEach(p -> edges.add(new DagEdge(p, u.id())));
        }
        return new Dag(nodes, edges);
    }

    private static long millis(final String instant) {
        try {
            return instant == null ? 0 : Instant.parse(instant).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

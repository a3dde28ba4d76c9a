package dln.session.demo;

import dln.api.UpdateStatus;
import dln.api.view.UpdateView;
import dln.session.report.Dag;
import dln.session.report.DagEdge;
import dln.session.report.DagNode;
import dln.session.report.ReferenceLine;
import dln.session.report.ReportModel;
import dln.session.report.ReportWriter;
import dln.session.report.RoundPoint;
import dln.session.report.SummaryTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a session's result into report.html: accuracy per round beside the baseline, and the update DAG. */
final class SessionReport {

    private SessionReport() {}

    static void write(final Path file, final SessionConfig c, final LearningSession.Result r) throws IOException {
        final List<RoundPoint> points = new ArrayList<>();
        for (RoundRow row : r.rows()) {
            final int x = "federated".equals(row.phase()) ? row.step() : c.rounds() + row.step();
            points.add(new RoundPoint(row.phase(), x, row.testAccuracy()));
        }
        for (int e = 0; e < r.baseline().size(); e++) {
            points.add(new RoundPoint("centralised (per epoch)", e + 1, r.baseline().get(e)));
        }
        final List<List<String>> rows = new ArrayList<>();
        for (RoundRow row : r.rows()) {
            rows.add(List.of(row.phase(), Integer.toString(row.step()), Integer.toString(row.accepted()), Integer.toString(row.rejected()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * row.testAccuracy()),
                    String.format(Locale.ROOT, "%.1f s", row.trainMillis() / 1000.0),
                    String.format(Locale.ROOT, "%.1f%%", 100 * row.coordinationShare())));
        }
        final SummaryTable table = new SummaryTable("Rounds and gossip steps",
                List.of("phase", "step", "accepted", "rejected", "test accuracy", "training", "coordination"), rows);
        final List<String> notes = List.of(
                String.format(Locale.ROOT, "%s, %d providers (%d malicious: %s), partition %s, rule %s, threshold %.2f, quorum %d, seed %d",
                        c.model(), c.providers(), c.malicious(), c.attack().wire(), c.partition(), c.rule(), c.threshold(), c.quorum(), c.seed()),
                java.util.stream.Stream.of(r.federatedModel() == null ? null : "federated model " + r.federatedModel(),
                        r.gossipModel() == null ? null : "gossip model " + r.gossipModel()).filter(java.util.Objects::nonNull)
                        .collect(java.util.stream.Collectors.joining(", ")));
        new ReportWriter().write(new ReportModel("dln learning session", List.of(table), points,
                List.of(ReferenceLine.centralised(r.baseline().get(r.baseline().size() - 1))), dag(r), notes), file);
    }

    private static Dag dag(final LearningSession.Result r) {
        final List<DagNode> nodes = new ArrayList<>();
        final List<DagEdge> edges = new ArrayList<>();
        if (r.federatedModel() != null) {
            addModel(nodes, edges, r.federatedModel(), r.federatedUpdates(), true);
        }
        if (r.gossipModel() != null) {
            addModel(nodes, edges, r.gossipModel(), r.gossipUpdates(), false);
        }
        return new Dag(nodes, edges);
    }

    private static void addModel(final List<DagNode> nodes, final List<DagEdge> edges, final String modelId, final List<UpdateView> updates,
            final boolean federated) {
        final String initial = modelId + "/initial";
        nodes.add(new DagNode(initial, (federated ? "federated" : "gossip") + " start", "initial", null, federated ? 0 : null, 0));
        for (UpdateView u : updates) {
            final String status = (u.status() == UpdateStatus.EXPIRED ? UpdateStatus.PENDING : u.status()).wire();
            nodes.add(new DagNode(u.id(), u.submitter().shortName(), status, u.score(), federated ? u.round() : null, millis(u.submittedAt())));
            for (String p : u.parents()) {
                edges.add(new DagEdge(UpdateView.INITIAL.equals(p) ? initial : p, u.id()));
            }
        }
    }

    private static long millis(final String instant) {
        try {
            return instant == null ? 0 : Instant.parse(instant).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

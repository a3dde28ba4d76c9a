package dln.session.demo;

import dln.api.UpdateStatus;
import dln.api.view.UpdateView;
import dln.session.report.Dag;
import dln.session.report.DagEdge;
import dln.session.report.DagNode;
import dln.session.report.NodeStatus;
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
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a session's result into report.html: accuracy per round beside the baseline, and the update DAG.
 * Used by {@code ./dln demo} and {@code ./dln bench session}.
 */
public final class SessionReport {

    private SessionReport() {}

    /** Writes the report of {@code r} to {@code file} and returns its absolute path. */
    public static Path write(final Path file, final SessionConfig c, final LearningSession.Result r) throws IOException {
        return new ReportWriter().write(model(c, r), file);
    }

    /** What the report shows; pure, so the tests can check it from a hand-made result. */
    public static ReportModel model(final SessionConfig c, final LearningSession.Result r) {
        // The chart plots accuracy in percent: a regression's RMSE is in the table, not drawn as a percentage
        // (a point is a fraction by construction, so none is made for it).
        final boolean chart = !r.metric().regression();
        final List<RoundPoint> points = new ArrayList<>();
        for (RoundRow row : chart ? r.rows() : List.<RoundRow>of()) {
            final int x = "federated".equals(row.phase()) ? row.step() : c.rounds() + row.step();
            points.add(new RoundPoint(row.phase(), x, row.testAccuracy()));
        }
        for (int e = 0; chart && e < r.baseline().size(); e++) {
            points.add(new RoundPoint("centralised (per epoch)", e + 1, r.baseline().get(e)));
        }
        final List<List<String>> rows = new ArrayList<>();
        for (RoundRow row : r.rows()) {
            rows.add(List.of(row.phase(), Integer.toString(row.step()), Integer.toString(row.accepted()), Integer.toString(row.rejected()),
                    r.metric().format(row.testAccuracy()),
                    String.format(Locale.ROOT, "%.1f s", row.trainMillis() / 1000.0),
                    String.format(Locale.ROOT, "%.1f%%", 100 * row.coordinationShare())));
        }
        final SummaryTable table = new SummaryTable("Rounds and gossip steps",
                List.of("phase", "step", "accepted", "rejected", r.metric().label(), "training", "coordination"), rows);
        final List<String> notes = List.of(
                String.format(Locale.ROOT, "%s, %d providers (%s), partition %s, rule %s, threshold %.2f, quorum %d, seed %d",
                        c.model(), c.providers(), attackers(c), c.partition(), c.rule(), c.threshold(), c.quorum(), c.seed()),
                Stream.of(r.federatedModel() == null ? null : "federated model " + r.federatedModel(),
                        r.gossipModel() == null ? null : "gossip model " + r.gossipModel()).filter(Objects::nonNull)
                        .collect(Collectors.joining(", ")));
        final List<SummaryTable> tables = new ArrayList<>(List.of(table));
        PrivacySpending.of(c.learning().privacy(), r).ifPresent(p -> tables.add(p.table()));
        return new ReportModel("dln learning session", tables, chart ? points : List.of(),
                chart && !r.baseline().isEmpty() ? List.of(ReferenceLine.centralised(r.baseline().get(r.baseline().size() - 1))) : List.of(),
                dag(r), notes, xAxis(c, r));
    }

    /** "no attack" when nobody attacks: "0 malicious: sign-flip" read as if an attack had run. */
    static String attackers(final SessionConfig c) {
        return c.malicious() == 0 || c.attack() == dln.core.attack.Attack.NONE ? "no attack" : c.malicious() + " malicious: " + c.attack().wire();
    }

    /**
     * One x axis carries three counts: federated rounds, then gossip steps placed after the last
     * round, and the baseline's epochs. The label names each, so no point reads as a "round" it is not.
     */
    static String xAxis(final SessionConfig c, final LearningSession.Result r) {
        final boolean federated = r.rows().stream().anyMatch(row -> "federated".equals(row.phase()));
        final boolean gossip = r.rows().stream().anyMatch(row -> "gossip".equals(row.phase()));
        final String steps = federated && gossip ? "federated round, then gossip step (at " + c.rounds() + " + step)"
                : gossip ? "gossip step" : "federated round";
        return steps + ";  centralised baseline: epoch";
    }

    private static Dag dag(final LearningSession.Result r) {
        final List<DagNode> nodes = new ArrayList<>();
        final List<DagEdge> edges = new ArrayList<>();
        if (r.federatedModel() != null) {
            nodes.add(new DagNode(initial(r.federatedModel()), "federated start", NodeStatus.INITIAL, null, 0, 0));
            addUpdates(nodes, edges, r.federatedModel(), r.federatedUpdates(), true);
        }
        if (r.gossipModel() != null) {
            final String start = initial(r.gossipModel());
            if (r.federatedModel() == null) {
                nodes.add(new DagNode(start, "gossip start", NodeStatus.INITIAL, null, null, 0));
            } else {
                // The gossip model starts from the federated result, so its start is drawn as that
                // result: a child of the updates the last round aggregated.
                final Handoff h = handoff(r.federatedModel(), r.federatedUpdates());
                nodes.add(new DagNode(start, "gossip start", NodeStatus.INITIAL, null, null, h.timeMillis(), h.detail()));
                h.parents().forEach(p -> edges.add(new DagEdge(p, start)));
            }
            addUpdates(nodes, edges, r.gossipModel(), r.gossipUpdates(), false);
        }
        return new Dag(nodes, edges);
    }

    /**
     * What the gossip start was aggregated from, how its box says so, and when (the last
     * federated submission: the layout breaks ties by time, so the start sorts after the rounds).
     */
    private record Handoff(List<String> parents, String detail, long timeMillis) {}

    /**
     * The federated result is the aggregate of the last round that accepted anything (a round
     * without accepted updates hands its parents on); with none accepted at all, the initial weights.
     */
    private static Handoff handoff(final String federatedModel, final List<UpdateView> updates) {
        final long after = updates.stream().mapToLong(u -> millis(u.submittedAt())).max().orElse(0);
        final int last = updates.stream().filter(UpdateView::accepted).mapToInt(UpdateView::round).max().orElse(0);
        if (last == 0) {
            return new Handoff(List.of(initial(federatedModel)), "from the federated start (none accepted)", after);
        }
        return new Handoff(updates.stream().filter(u -> u.accepted() && u.round() == last).map(UpdateView::id).toList(),
                "from federated round " + last + " aggregate", after);
    }

    private static String initial(final String modelId) {
        return modelId + "/initial";
    }

    private static void addUpdates(final List<DagNode> nodes, final List<DagEdge> edges, final String modelId, final List<UpdateView> updates,
            final boolean federated) {
        for (UpdateView u : updates) {
            final String status = (u.status() == UpdateStatus.EXPIRED ? UpdateStatus.PENDING : u.status()).wire();
            nodes.add(new DagNode(u.id(), u.submitter().shortName(), status, u.score(), federated ? u.round() : null, millis(u.submittedAt())));
            for (String p : u.parents()) {
                edges.add(new DagEdge(UpdateView.INITIAL.equals(p) ? initial(modelId) : p, u.id()));
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

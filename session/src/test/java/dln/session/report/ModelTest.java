package dln.session.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.session.demo.SessionConfig;
import dln.session.demo.SessionReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModelTest {
    private static DagNode node(String id) {
        return new DagNode(id, id, NodeStatus.ACCEPTED, 0.9, 1, 0);
    }

    @Test
    void dagRejectsCyclesDuplicatesAndDanglingEdges() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dag(List.of(node("a"), node("b")),
                List.of(new DagEdge("a", "b"), new DagEdge("b", "a")))).getMessage().contains("cycle"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dag(List.of(node("a"), node("a")), List.of()))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Dag(List.of(node("a")), List.of(new DagEdge("zz", "a"))))
                .getMessage().contains("unknown parent zz"));
        assertThrows(IllegalArgumentException.class, () -> new DagEdge("a", "a"));
    }

    @Test
    void statusWordsParseAsTheLedgerSpellsThem() {
        assertEquals(NodeStatus.REJECTED, new DagNode("a", "p", "rejected", null, null, 0).status());
        assertEquals(NodeStatus.AGGREGATE, NodeStatus.parse(" Aggregate "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NodeStatus.parse("maybe")).getMessage().contains("maybe"));
    }

    @Test
    void accuracyIsAFraction() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RoundPoint("s", 1, 97.5)).getMessage().contains("fraction"));
        assertThrows(IllegalArgumentException.class, () -> new RoundPoint("s", 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceLine("b", -0.1));
    }

    @Test
    void tablesNeedRowsAsWideAsTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new SummaryTable("t", List.of("a", "b"), List.of(List.of("1"))));
    }

    @Test
    void recordsCopyTheirLists() {
        List<DagNode> nodes = new ArrayList<>(List.of(node("a")));
        Dag dag = new Dag(nodes, List.of());
        nodes.add(node("b"));
        assertEquals(1, dag.nodes().size());
        assertThrows(UnsupportedOperationException.class, () -> dag.nodes().add(node("c")));
    }

    @Test
    void aSessionWithoutAttackersSaysNoAttack() {
        String quiet = SessionReport.model(Sessions.config(4, 0, 3, 2), Sessions.result(Sessions.config(4, 0, 3, 2), false)).notes().get(0);
        assertTrue(quiet.contains("4 providers (no attack)"), quiet);
        assertFalse(quiet.contains("malicious") || quiet.contains("sign-flip"), quiet);
        SessionConfig attacked = Sessions.config(4, 1, 3, 2);
        String noisy = SessionReport.model(attacked, Sessions.result(attacked, false)).notes().get(0);
        assertTrue(noisy.contains("4 providers (1 malicious: sign-flip)"), noisy);
    }

    @Test
    void aSessionChartNamesWhatItsAxisCounts() {
        SessionConfig both = Sessions.config(4, 1, 3, 2);
        assertEquals("federated round, then gossip step (at 3 + step);  centralised baseline: epoch",
                SessionReport.model(both, Sessions.result(both, false)).xAxis());
        SessionConfig fedOnly = Sessions.config(4, 1, 3, 0);
        assertEquals("federated round;  centralised baseline: epoch", SessionReport.model(fedOnly, Sessions.result(fedOnly, false)).xAxis());
        SessionConfig gossipOnly = Sessions.config(4, 1, 0, 2);
        assertEquals("gossip step;  centralised baseline: epoch", SessionReport.model(gossipOnly, Sessions.result(gossipOnly, false)).xAxis());
        assertEquals(ReportModel.ROUNDS, new ReportModel("t", List.of(), List.of(), List.of(), Dag.empty(), List.of()).xAxis(),
                "an evaluation plan's chart counts rounds only");
    }

    @Test
    void gossipStartIsLinkedToTheFederatedRoundItContinues() {
        SessionConfig c = Sessions.config(4, 1, 3, 2);
        Dag dag = SessionReport.model(c, Sessions.result(c, false)).dag();
        DagNode start = node(dag, "gossip/initial");
        assertEquals("gossip start", start.label());
        assertEquals("from federated round 3 aggregate", start.detail());
        assertEquals(List.of("f3p0", "f3p1", "f3p2"), parents(dag, "gossip/initial"), "the accepted updates of round 3, not the rejected f3p3");
        assertTrue(start.timeMillis() >= node(dag, "f3p3").timeMillis(), "sorts after the federated rounds");
        // One connected picture: every state descends from the federated start.
        assertEquals(nodeIds(dag), descendants(dag, "fed/initial"));
    }

    @Test
    void gossipAfterRoundsThatAcceptedNothingStartsFromTheFederatedStart() {
        SessionConfig c = Sessions.config(3, 1, 2, 1);
        Dag dag = SessionReport.model(c, Sessions.result(c, true)).dag();
        assertEquals("from the federated start (none accepted)", node(dag, "gossip/initial").detail());
        assertEquals(List.of("fed/initial"), parents(dag, "gossip/initial"));
    }

    @Test
    void gossipWithoutRoundsHasAPlainStart() {
        SessionConfig c = Sessions.config(3, 0, 0, 2);
        Dag dag = SessionReport.model(c, Sessions.result(c, false)).dag();
        DagNode start = node(dag, "gossip/initial");
        assertEquals(null, start.detail());
        assertEquals(List.of(), parents(dag, "gossip/initial"));
        assertEquals(List.of("gossip start", "initial"), DagLayout.lines(start));
    }

    private static DagNode node(Dag dag, String id) {
        return dag.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no node " + id));
    }

    private static List<String> parents(Dag dag, String id) {
        return dag.edges().stream().filter(e -> e.child().equals(id)).map(DagEdge::parent).toList();
    }

    private static Set<String> nodeIds(Dag dag) {
        Set<String> ids = new HashSet<>();
        dag.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    private static Set<String> descendants(Dag dag, String root) {
        Map<String, List<String>> children = new HashMap<>();
        dag.edges().forEach(e -> children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e.child()));
        Set<String> seen = new HashSet<>(Set.of(root));
        List<String> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            for (String c : children.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
                if (seen.add(c)) todo.add(c);
            }
        }
        return seen;
    }

    @Test
    void aRegressionSessionsReportTabulatesItsRmseAndDrawsNoPercentChart() {
        final SessionConfig c = Sessions.config(4, 0, 3, 2);
        final dln.session.demo.LearningSession.Result classification = Sessions.result(c, false);
        // The same rows read as RMSE in the target's unit: values far outside [0, 1].
        final List<dln.session.demo.RoundRow> rows = classification.rows().stream().map(r -> new dln.session.demo.RoundRow(r.phase(), r.step(),
                r.accepted(), r.rejected(), r.poisonedRejected(), r.poisoned(), 50 + r.testAccuracy(), r.trainMillis(), r.ipfsMillis(),
                r.ledgerMillis(), r.waitMillis(), r.roundMillis())).toList();
        final dln.session.demo.LearningSession.Result regression = new dln.session.demo.LearningSession.Result(classification.federatedModel(),
                classification.gossipModel(), rows, List.of(56.6), classification.federatedUpdates(), classification.gossipUpdates(),
                classification.poisonedIds(), classification.warnings(), new dln.session.demo.TestMetric(dln.api.Metric.RMSE, null), java.util.Map.of());
        final ReportModel m = SessionReport.model(c, regression);
        assertTrue(m.accuracy().isEmpty() && m.references().isEmpty(), "no accuracy chart for a regression");
        assertTrue(m.tables().get(0).header().contains("test RMSE"), m.tables().get(0).header().toString());
    }
}

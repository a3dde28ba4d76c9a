package dln.session.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DagLayoutTest {
    private static final double EPS = 0.5;

    @Test
    void everyChildLiesRightOfItsParents() {
        for (Dag dag : List.of(Dags.small(), Dags.gossip(120, 3))) {
            DagPicture p = new DagLayout().layout(dag);
            Map<String, DagPicture.PlacedNode> byId = byId(p);
            assertEquals(dag.nodes().size(), p.nodes().size());
            for (DagEdge e : dag.edges()) {
                DagPicture.PlacedNode parent = byId.get(e.parent());
                DagPicture.PlacedNode child = byId.get(e.child());
                assertTrue(child.x() >= parent.x() + parent.width() - EPS,
                        () -> e + ": child at x=" + child.x() + " is not right of parent ending at " + (parent.x() + parent.width()));
            }
        }
    }

    @Test
    void edgeRoutesComeFromElkAndJoinParentToChild() {
        Dag dag = Dags.gossip(60, 9);
        DagPicture p = new DagLayout().layout(dag);
        Map<String, DagPicture.PlacedNode> byId = byId(p);
        assertEquals(dag.edges().size(), p.edges().size());
        for (DagPicture.RoutedEdge r : p.edges()) {
            assertTrue(r.points().size() >= 2, r.edge() + " has no route");
            DagPicture.Point start = r.points().get(0);
            DagPicture.Point end = r.points().get(r.points().size() - 1);
            DagPicture.PlacedNode parent = byId.get(r.edge().parent());
            DagPicture.PlacedNode child = byId.get(r.edge().child());
            // Left-to-right layout: edges leave the parent's right side and enter the child's left side.
            assertEquals(parent.x() + parent.width(), start.x(), EPS, r.edge() + " start");
            assertTrue(start.y() >= parent.y() - EPS && start.y() <= parent.y() + parent.height() + EPS, r.edge() + " start y");
            assertEquals(child.x(), end.x(), EPS, r.edge() + " end");
            assertTrue(end.y() >= child.y() - EPS && end.y() <= child.y() + child.height() + EPS, r.edge() + " end y");
            // Routes only ever move rightwards, so every edge reads left to right like the layering.
            for (int i = 1; i < r.points().size(); i++) {
                assertTrue(r.points().get(i).x() >= r.points().get(i - 1).x() - EPS, r.edge() + " turns back left");
            }
        }
    }

    @Test
    void boxesDoNotOverlapAndFitThePicture() {
        DagPicture p = new DagLayout().layout(Dags.gossip(150, 11));
        List<DagPicture.PlacedNode> n = p.nodes();
        for (int i = 0; i < n.size(); i++) {
            DagPicture.PlacedNode a = n.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= p.width() + EPS && a.y() + a.height() <= p.height() + EPS,
                    a.node().id() + " lies outside the picture");
            for (int j = i + 1; j < n.size(); j++) {
                DagPicture.PlacedNode b = n.get(j);
                boolean apart = a.x() + a.width() <= b.x() + EPS || b.x() + b.width() <= a.x() + EPS
                        || a.y() + a.height() <= b.y() + EPS || b.y() + b.height() <= a.y() + EPS;
                assertTrue(apart, a.node().id() + " overlaps " + b.node().id());
            }
        }
    }

    @Test
    void boxesAreWideEnoughForTheirLabels() {
        DagNode wide = new DagNode("w", "provider-with-a-long-name", "accepted", 0.5, 1, 0);
        DagNode narrow = new DagNode("n", "p", "accepted", 0.5, 1, 0);
        DagPicture p = new DagLayout().layout(new Dag(List.of(narrow, wide), List.of(new DagEdge("n", "w"))));
        Map<String, DagPicture.PlacedNode> byId = byId(p);
        assertTrue(byId.get("w").width() > byId.get("n").width() + 60);
        assertEquals(List.of("provider-with-a-long-\u2026", "0.500"), byId.get("w").lines());
    }

    @Test
    void aDetailReplacesTheStatusWordInFull() {
        DagNode start = new DagNode("g", "gossip start", NodeStatus.INITIAL, null, null, 0, "from federated round 12 aggregate");
        DagNode plain = new DagNode("i", "federated start", NodeStatus.INITIAL, null, 0, 0);
        Map<String, DagPicture.PlacedNode> byId = byId(new DagLayout().layout(new Dag(List.of(plain, start), List.of(new DagEdge("i", "g")))));
        assertEquals(List.of("gossip start", "from federated round 12 aggregate"), byId.get("g").lines());
        assertEquals(List.of("federated start", "initial"), byId.get("i").lines());
        assertTrue(byId.get("g").width() > byId.get("i").width(), "the box is as wide as its detail");
    }

    @Test
    void aFewHundredNodesLayOutQuickly() {
        Dag dag = Dags.gossip(400, 5);
        DagPicture p = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new DagLayout().layout(dag));
        assertEquals(400, p.nodes().size());
    }

    @Test
    void emptyDagGivesAnEmptyPicture() {
        DagPicture p = new DagLayout().layout(Dag.empty());
        assertTrue(p.nodes().isEmpty() && p.edges().isEmpty());
    }

    private static Map<String, DagPicture.PlacedNode> byId(DagPicture p) {
        Map<String, DagPicture.PlacedNode> m = new HashMap<>();
        p.nodes().forEach(n -> m.put(n.node().id(), n));
        return m;
    }
}

package dln.session.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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
}

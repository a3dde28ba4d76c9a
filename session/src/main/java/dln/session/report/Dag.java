package dln.session.report;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The update DAG of one model: nodes in the order they should be considered (ledger order is a
 * good one, the layout uses it to break ties) and parent-to-child edges between them.
 * Checked on construction so that a broken ledger read fails here with a clear message rather
 * than as an odd picture.
 */
public record Dag(List<DagNode> nodes, List<DagEdge> edges) {
    public Dag {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Map<String, Integer> indegree = new HashMap<>();
        for (DagNode n : nodes) {
            if (indegree.put(n.id(), 0) != null) throw new IllegalArgumentException("DAG node id " + n.id() + " appears twice");
        }
        Map<String, List<String>> children = new HashMap<>();
        var seen = new LinkedHashSet<DagEdge>();
        for (DagEdge e : edges) {
            if (!indegree.containsKey(e.parent())) throw new IllegalArgumentException("edge " + e + " names unknown parent " + e.parent());
            if (!indegree.containsKey(e.child())) throw new IllegalArgumentException("edge " + e + " names unknown child " + e.child());
            if (!seen.add(e)) throw new IllegalArgumentException("edge " + e + " appears twice");
            indegree.merge(e.child(), 1, Integer::sum);
            children.computeIfAbsent(e.parent(), k -> new java.util.ArrayList<>()).add(e.child());
        }
        // Kahn's algorithm: a cycle would make "left to right by descent" meaningless.
        var ready = new ArrayDeque<String>();
        indegree.forEach((id, d) -> { if (d == 0) ready.add(id); });
        int visited = 0;
        while (!ready.isEmpty()) {
            String id = ready.poll();
            visited++;
            for (String c : children.getOrDefault(id, List.of())) {
                if (indegree.merge(c, -1, Integer::sum) == 0) ready.add(c);
            }
        }
        if (visited != nodes.size()) throw new IllegalArgumentException("the update graph has a cycle");
    }

    public static Dag empty() {
        return new Dag(List.of(), List.of());
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }
}

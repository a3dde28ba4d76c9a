package dln.session.report;

import java.util.ArrayList;
import java.util.List;

/** Small constructed DAGs for the tests. */
final class Dags {
    private Dags() {
    }

    /**
     * initial -> a, b, c (c rejected) ; a, b -> agg ; agg -> d (pending) ; a -> e (gossip, no round).
     * 7 nodes, 7 edges, every status present.
     */
    static Dag small() {
        List<DagNode> n = List.of(
                new DagNode("init", "initial", "initial", null, 0, 1000),
                new DagNode("a", "alice", "accepted", 0.91, 1, 2000),
                new DagNode("b", "bob", "accepted", 0.90, 1, 2100),
                new DagNode("c", "mallory", "rejected", 0.07, 1, 2200),
                new DagNode("agg", "aggregate r1", "aggregate", 0.93, 1, 3000),
                new DagNode("d", "alice", "pending", null, 2, 4000),
                new DagNode("e", "bob", "accepted", 0.94, null, 4100));
        List<DagEdge> e = List.of(
                new DagEdge("init", "a"), new DagEdge("init", "b"), new DagEdge("init", "c"),
                new DagEdge("a", "agg"), new DagEdge("b", "agg"), new DagEdge("agg", "d"), new DagEdge("a", "e"));
        return new Dag(n, e);
    }

    /** A gossip-like DAG of {@code size} nodes, each with 1..3 parents among the previous few. */
    static Dag gossip(int size, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        List<DagNode> nodes = new ArrayList<>();
        List<DagEdge> edges = new ArrayList<>();
        nodes.add(new DagNode("n0", "initial", NodeStatus.INITIAL, null, null, 0));
        for (int i = 1; i < size; i++) {
            NodeStatus st = i % 7 == 0 ? NodeStatus.REJECTED : NodeStatus.ACCEPTED;
            nodes.add(new DagNode("n" + i, "provider" + (i % 5), st, 0.5 + rnd.nextDouble() / 2, null, i * 1000L));
            java.util.Set<Integer> parents = new java.util.TreeSet<>();
            int k = 1 + rnd.nextInt(3);
            for (int j = 0; j < k; j++) parents.add(Math.max(0, i - 1 - rnd.nextInt(6)));
            for (int p : parents) edges.add(new DagEdge("n" + p, "n" + i));
        }
        return new Dag(nodes, edges);
    }
}

package dln.session.report;

import java.util.Objects;

/**
 * One model state in the update DAG: the initial weights, a provider's update or a round aggregate.
 *
 * @param id         ledger id of the update (unique within the DAG)
 * @param label      what the picture prints first, normally the provider's name
 * @param status     acceptance state, decides the colour
 * @param score      the committee's aggregated score, null while none is decided
 * @param round      federated round, null for gossip updates
 * @param timeMillis ledger time of the submission (epoch milliseconds)
 * @param detail     the box's second line instead of the score or status, or null; says where a
 *                   start state comes from ("from federated round 3 aggregate"), which its
 *                   status word alone ("initial") would misstate
 */
public record DagNode(String id, String label, NodeStatus status, Double score, Integer round, long timeMillis, String detail) {
    public DagNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        if (id.isBlank()) throw new IllegalArgumentException("DAG node id is blank");
        if (score != null && !Double.isFinite(score)) throw new IllegalArgumentException("score of " + id + " is " + score);
        if (round != null && round < 0) throw new IllegalArgumentException("round of " + id + " is negative");
    }

    public DagNode(String id, String label, NodeStatus status, Double score, Integer round, long timeMillis) {
        this(id, label, status, score, round, timeMillis, null);
    }

    /** Same, with the status as the ledger spells it ("accepted", "rejected", ...). */
    public DagNode(String id, String label, String status, Double score, Integer round, long timeMillis) {
        this(id, label, NodeStatus.parse(status), score, round, timeMillis, null);
    }
}

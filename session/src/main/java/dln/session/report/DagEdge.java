package dln.session.report;

import java.util.Objects;

/** "child was trained from (an aggregate including) parent". */
public record DagEdge(String parent, String child) {
    public DagEdge {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
        if (parent.equals(child)) throw new IllegalArgumentException("update " + child + " names itself as parent");
    }
}

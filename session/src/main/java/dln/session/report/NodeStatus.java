package dln.session.report;

import java.util.Locale;

/** Where an update stands in the DAG picture; decides its colour. */
public enum NodeStatus {
    ACCEPTED, REJECTED, PENDING, INITIAL, AGGREGATE;

    /** Parses the ledger's lower-case status words ("accepted", "rejected", ...). */
    public static NodeStatus parse(String status) {
        try {
            return valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown DAG node status '" + status + "' (expected accepted, rejected, pending, initial or aggregate)");
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dln.api.view;

import dln.api.RoundStatus;
import java.util.List;

/** A federated round: its parents (the previous round's accepted set) and, once closed, its own accepted set. */
public record RoundView(
        String modelId,
        int number,
        RoundStatus status,
        List<String> parents,
        List<String> accepted,
        String openedAt,
        String deadline,
        String closedAt,
        String closedBy,
        Aggregate aggregate) {

    /** The aggregate CID the first participant recorded for this round's accepted set. */
    public record Aggregate(String cid, LedgerIdentity by, String at) {}

    public boolean open() {
        return status == RoundStatus.OPEN;
    }
}

package dln.api.view;

import dln.api.RoundStatus;
import java.util.List;

/**
 * A federated round: its parents (the previous round's accepted set), under the contribution
 * policy the submitted set it scores, and once closed its own accepted set.
 */
public record RoundView(
        String modelId,
        int number,
        RoundStatus status,
        List<String> parents,
        List<String> accepted,
        List<String> scoring,
        String openedAt,
        String deadline,
        String closedAt,
        String closedBy,
        Aggregate aggregate,
        String aggregationError) {

    /**
     * The CID of the next round's start the first participant recorded for this round's accepted
     * set, with the CID of the server optimiser's state after it (null without an optimiser).
     */
    public record Aggregate(String cid, LedgerIdentity by, String at, String stateCid) {}

    /** True while the round takes submissions. */
    public boolean open() {
        return status == RoundStatus.OPEN;
    }

    /**
     * What the round hands on, the next round's parents: its accepted set, or its own parents when
     * it accepted nothing or too few for the model's rule ({@code aggregationError}).
     */
    public List<String> handsOn() {
        return accepted == null || accepted.isEmpty() || aggregationError != null ? parents : accepted;
    }

    /** True once the round is closed (not while it scores). */
    public boolean closed() {
        return status == RoundStatus.CLOSED;
    }

    /** The submitted set fixed for scoring (contribution policy), sorted; empty before and otherwise. */
    public List<String> scoring() {
        return scoring == null ? List.of() : scoring;
    }
}

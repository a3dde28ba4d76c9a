package dln.api.view;

import dln.api.UpdateStatus;
import java.util.List;

/**
 * An update as the chaincode returns it. {@code round} is 0 in gossip mode; {@code contribution}
 * is the median of the members' measured loss decreases (nats), null when not measured.
 */
public record UpdateView(
        String id,
        String modelId,
        LedgerIdentity submitter,
        String weightsCid,
        List<String> parents,
        int round,
        long samples,
        long trainingMillis,
        UpdateStatus status,
        Double score,
        String submittedAt,
        String decidedAt,
        Double contribution) {

    /** The parent id that stands for the model's initial weights. */
    public static final String INITIAL = "initial";

    public boolean accepted() {
        return status == UpdateStatus.ACCEPTED;
    }

    public boolean pending() {
        return status == UpdateStatus.PENDING;
    }
}

package dln.chaincode.update;

import dln.api.UpdateStatus;
import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * Pending updates that can no longer be scored (their round closed, or their model), read first
 * and expired later: Fabric hides a transaction's own writes from its reads.
 */
public record PendingExpiry(List<Update> updates, String at) {

    public PendingExpiry {
        updates = List.copyOf(updates);
    }

    /** The pending updates under {@code pendingIndex}, except those in {@code keep} (updates this transaction decides). */
    public static PendingExpiry read(final Ledger ledger, final Key pendingIndex, final java.util.Set<String> keep) {
        final List<Update> expiring = new ArrayList<>();
        for (final String id : ledger.values(pendingIndex, Integer.MAX_VALUE)) {
            if (!keep.contains(id)) {
                ledger.read(Keys.update(id), Update.class).ifPresent(expiring::add);
            }
        }
        return new PendingExpiry(expiring, ledger.now().toString());
    }

    /** Marks every one expired and records an {@code UpdateExpired} change for it. */
    public void apply(final Ledger ledger, final Changes changes, final String modelId, final int round) {
        for (final Update u : updates) {
            UpdateIndex.transition(ledger, u, u.decided(UpdateStatus.EXPIRED, null, at));
            changes.add(EventName.UpdateExpired, "modelId", modelId, "updateId", u.id(), "round", round);
        }
    }
}

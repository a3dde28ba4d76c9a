package dln.chaincode.reputation;

import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts one transaction's decisions into the submitters' tracks. A gossip batch may decide two
 * updates of one provider, and Fabric hides a transaction's own writes from its reads: the counter
 * carries what it wrote so the second decision adds to the first instead of overwriting it.
 */
public final class TrackCounter {

    private final Map<Key, Track> written = new HashMap<>();

    /** The committed track of {@code submitter} on {@code modelId}: read it before the transaction writes. */
    public static Track committed(final Ledger ledger, final String modelId, final Identity submitter) {
        return ledger.read(Keys.track(modelId, submitter), Track.class).orElse(Track.NEWCOMER);
    }

    /**
     * Adds one decision of {@code submitter}'s update on {@code modelId} to its track, which was
     * {@code committed} before the transaction (or what this counter last wrote).
     */
    public void count(final Ledger ledger, final String modelId, final Identity submitter, final Track committed, final boolean accepted) {
        final Key key = Keys.track(modelId, submitter);
        final Track before = written.getOrDefault(key, committed);
        final Track after = before.with(accepted);
        ledger.put(key, after);
        written.put(key, after);
    }
}

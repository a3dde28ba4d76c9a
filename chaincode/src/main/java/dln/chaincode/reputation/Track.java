package dln.chaincode.reputation;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * How many of a provider's updates on one model the committee accepted and rejected: one key per
 * provider and model, counted by the decision, copied into each update by its submission so that
 * every participant weighs an update by the same record (docs/protocol.md §6). A counter rather than
 * a count over the provider's decisions, so a submission reads one key however long the history.
 */
@DataType
public record Track(@Property long accepted, @Property long rejected) {

    /** A provider with no decided update yet. */
    public static final Track NEWCOMER = new Track(0, 0);

    /** The record with one more decision. */
    public Track with(final boolean acceptedOne) {
        return acceptedOne ? new Track(accepted + 1, rejected) : new Track(accepted, rejected + 1);
    }
}

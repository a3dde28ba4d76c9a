package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * How the committee's scores decide an update (docs/protocol.md).
 */
public enum AcceptancePolicy implements WireName {
    /** The combined standalone score (e.g. fragment accuracy) must clear the model's threshold. */
    @SerializedName("threshold") THRESHOLD,
    /**
     * The update must not make the model worse on the members' fragments by more than
     * {@code tolerance} standard errors of the paired loss difference: federated, the round's
     * aggregate with and without it; gossip, the update against its parents.
     */
    @SerializedName("contribution") CONTRIBUTION;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

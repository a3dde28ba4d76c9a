package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * A federated round: open until its quorum of decided updates or its deadline, then closed. Under
 * the contribution policy a round scores between the two: its submitted set is fixed, no update
 * joins it, and the committee measures each update against the others.
 */
public enum RoundStatus implements WireName {
    @SerializedName("open") OPEN,
    @SerializedName("scoring") SCORING,
    @SerializedName("closed") CLOSED;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

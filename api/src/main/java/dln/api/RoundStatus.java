package dln.api;

import com.google.gson.annotations.SerializedName;

/** A federated round: open until its quorum of decided updates or its deadline, then closed. */
public enum RoundStatus implements WireName {
    @SerializedName("open") OPEN,
    @SerializedName("closed") CLOSED;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

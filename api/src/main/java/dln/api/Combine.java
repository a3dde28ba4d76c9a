package dln.api;

import com.google.gson.annotations.SerializedName;

/** How the quorum's scores become one number. */
public enum Combine implements WireName {
    @SerializedName("median") MEDIAN,
    @SerializedName("reputation_weighted_mean") REPUTATION_WEIGHTED_MEAN;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

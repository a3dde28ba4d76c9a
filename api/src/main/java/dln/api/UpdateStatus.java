package dln.api;

import com.google.gson.annotations.SerializedName;

/** pending until the quorum scores it; expired when its round closed before that. All but pending are final. */
public enum UpdateStatus implements WireName {
    @SerializedName("pending") PENDING,
    @SerializedName("accepted") ACCEPTED,
    @SerializedName("rejected") REJECTED,
    @SerializedName("expired") EXPIRED;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

package dln.api;

import com.google.gson.annotations.SerializedName;

/** proposed -> open (approval quorum) | declined (approval quorum unreachable); proposed/open -> closed. */
public enum ModelStatus implements WireName {
    @SerializedName("proposed") PROPOSED,
    @SerializedName("open") OPEN,
    @SerializedName("declined") DECLINED,
    @SerializedName("closed") CLOSED;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

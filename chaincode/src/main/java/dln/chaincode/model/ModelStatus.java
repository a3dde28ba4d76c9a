package dln.chaincode.model;

import com.google.gson.annotations.SerializedName;

/** proposed -> open (approval quorum) | declined (approval quorum unreachable); proposed/open -> closed. */
public enum ModelStatus {
    @SerializedName("proposed") PROPOSED,
    @SerializedName("open") OPEN,
    @SerializedName("declined") DECLINED,
    @SerializedName("closed") CLOSED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

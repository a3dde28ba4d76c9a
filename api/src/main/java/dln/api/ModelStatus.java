package dln.api;

import com.google.gson.annotations.SerializedName;

/** proposed -> open (approval quorum) | declined (approval quorum unreachable); proposed/open -> closed. */
public enum ModelStatus implements WireName {
    @SerializedName("proposed") PROPOSED,
    @SerializedName("open") OPEN,
    @SerializedName("declined") DECLINED,
    @SerializedName("closed") CLOSED
}

package dln.api;

import com.google.gson.annotations.SerializedName;

/** How the quorum's scores become one number. */
public enum Combine implements WireName {
    @SerializedName("median") MEDIAN,
    @SerializedName("reputation_weighted_mean") REPUTATION_WEIGHTED_MEAN
}

package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * What a model does with scores recorded as "unavailable" (a member could not fetch the update's
 * weights within its patience): an outage is not a verdict on the update, so the model says
 * whether it counts as one.
 */
public enum UnavailablePolicy implements WireName {
    /** Unavailable scores count toward the quorum; a quorum of nothing but unavailable scores rejects the update. */
    @SerializedName("reject") REJECT,
    /** Unavailable scores do not count; the update waits for available ones until its round closes (then it expires). */
    @SerializedName("abstain") ABSTAIN
}

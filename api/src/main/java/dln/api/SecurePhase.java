package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * A securely aggregated round's steps (docs/privacy.md), in order: providers advertise their
 * round's public mask keys; once the key set is fixed they post their secrets' shares, encrypted
 * to each other; then their masked updates; then the survivors reveal the shares that remove the
 * masks; the recovered aggregate is recorded as the round's one update, which the committee scores.
 */
public enum SecurePhase implements WireName {
    @SerializedName("keys") KEYS,
    @SerializedName("shares") SHARES,
    @SerializedName("masking") MASKING,
    @SerializedName("unmasking") UNMASKING,
    @SerializedName("aggregated") AGGREGATED;

    /** The wire form. */
    @Override
    public String toString() {
        return wire();
    }
}

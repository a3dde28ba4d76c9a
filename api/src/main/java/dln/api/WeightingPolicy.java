package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * Where an update's aggregation weight comes from. A provider's sample count is its own claim;
 * every policy but {@link #CLAIMED} bounds what one claim can buy.
 */
public enum WeightingPolicy implements WireName {
    /** The claimed sample count, as plain FedAvg (one provider claiming 10^9 samples takes the aggregate). */
    @SerializedName("claimed") CLAIMED,
    /** Every update weighs the same. */
    @SerializedName("equal") EQUAL,
    /** The claim, capped at the model's fixed {@code cap}. */
    @SerializedName("capped") CAPPED,
    /** The claim, capped at the median claim of the updates aggregated together: no prior knowledge needed. */
    @SerializedName("median_capped") MEDIAN_CAPPED;

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

package dln.chaincode.model;

import com.google.gson.annotations.SerializedName;

/** What the committee measures; decides which direction of a score is better. */
public enum Metric {
    @SerializedName("accuracy") ACCURACY(0.0, 1.0, true),
    @SerializedName("loss") LOSS(0.0, 1.0e9, false);

    private final double min;
    private final double max;
    private final boolean higherIsBetter;

    Metric(final double min, final double max, final boolean higherIsBetter) {
        this.min = min;
        this.max = max;
        this.higherIsBetter = higherIsBetter;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Whether a (combined or single) score clears the threshold in this metric's direction. */
    public boolean clears(final double value, final double threshold) {
        return higherIsBetter ? value >= threshold : value <= threshold;
    }
}

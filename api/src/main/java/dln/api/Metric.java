package dln.api;

import com.google.gson.annotations.SerializedName;

/**
 * What the committee measures; decides which direction of a score is better. Accuracy and loss
 * (mean cross-entropy) score a classification head; RMSE and MAE a regression head, in the units
 * of the targets the committee's fragments hold (standardised with the training statistics of the
 * recipe's preprocessing for a CSV table: docs/models-and-data.md, "Regression").
 */
public enum Metric implements WireName {
    @SerializedName("accuracy") ACCURACY(0.0, 1.0, true),
    @SerializedName("loss") LOSS(0.0, 1.0e9, false),
    /** Root mean squared error of a regression head; lower is better. */
    @SerializedName("rmse") RMSE(0.0, 1.0e9, false),
    /** Mean absolute error of a regression head; lower is better. */
    @SerializedName("mae") MAE(0.0, 1.0e9, false);

    private final double min;
    private final double max;
    private final boolean higherIsBetter;

    Metric(final double min, final double max, final boolean higherIsBetter) {
        this.min = min;
        this.max = max;
        this.higherIsBetter = higherIsBetter;
    }

    /** The lowest score a member may submit. */
    public double min() {
        return min;
    }

    /** The highest score a member may submit. */
    public double max() {
        return max;
    }

    /** True for accuracy, false for loss, RMSE and MAE. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** True for the metrics of a regression head (RMSE, MAE), false for a classification head's. */
    public boolean regression() {
        return this == RMSE || this == MAE;
    }

    /** Whether a (combined or single) score clears the threshold in this metric's direction. */
    public boolean clears(final double value, final double threshold) {
        return higherIsBetter ? value >= threshold : value <= threshold;
    }

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}

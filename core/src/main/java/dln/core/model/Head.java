package dln.core.model;

/**
 * The output layer's kind, which fixes the loss training minimises and the metric evaluation
 * reports.
 *
 * @param kind      softmax, sigmoid or regression
 * @param units     output width: classes for softmax, 1 for sigmoid, outputs for regression
 * @param threshold sigmoid only: an example is class 1 when the output is at least this
 */
public record Head(Kind kind, int units, double threshold) {
    /** The three heads. */
    public enum Kind {
        /** Softmax over {@code units} classes, mean cross-entropy; metric accuracy (argmax). */
        SOFTMAX,
        /** One sigmoid unit, mean binary cross-entropy; metric accuracy at the threshold. */
        SIGMOID,
        /** Identity outputs, mean squared error; metrics MSE, MAE, RMSE. */
        REGRESSION
    }

    /** The head of a validated output layer. */
    static Head of(LayerSpec output) {
        return switch (output.activation()) {
            case "softmax" -> new Head(Kind.SOFTMAX, output.units(), Double.NaN);
            case "sigmoid" -> new Head(Kind.SIGMOID, 1,
                    output.threshold() == null ? LayerSpec.DEFAULT_THRESHOLD : output.threshold());
            default -> new Head(Kind.REGRESSION, output.units(), Double.NaN);
        };
    }

    /** Classes of a classification head (2 for the sigmoid head); 0 for regression. */
    public int classes() {
        return switch (kind) {
            case SOFTMAX -> units;
            case SIGMOID -> 2;
            case REGRESSION -> 0;
        };
    }
}

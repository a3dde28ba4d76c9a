package dln.core.evaluation;

/**
 * Metrics of a regression head on float targets, over every example and output.
 *
 * @param examples examples evaluated
 * @param mse      mean squared error (the loss the head trains on)
 * @param mae      mean absolute error
 * @param rmse     square root of {@code mse}, in the targets' unit
 */
public record RegressionResult(int examples, double mse, double mae, double rmse) {
}

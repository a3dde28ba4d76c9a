package dln.core.evaluation;

/**
 * Metrics of a parameter vector on a dataset.
 *
 * @param examples         number of examples evaluated
 * @param accuracy         fraction classified correctly, in [0, 1]
 * @param loss             mean cross-entropy (natural log; probabilities clamped at 1e-7)
 * @param perClassAccuracy accuracy on the examples of each class (NaN for an absent class)
 * @param perClassCount    examples of each class
 */
public record EvaluationResult(int examples, double accuracy, double loss, double[] perClassAccuracy,
                               int[] perClassCount) {
    public EvaluationResult {
        perClassAccuracy = perClassAccuracy.clone();
        perClassCount = perClassCount.clone();
    }

    @Override
    public double[] perClassAccuracy() {
        return perClassAccuracy.clone();
    }

    @Override
    public int[] perClassCount() {
        return perClassCount.clone();
    }
}

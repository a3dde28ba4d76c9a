package dln.session.demo;

import dln.api.Metric;
import dln.core.data.Dataset;
import dln.core.data.Preprocessing;
import dln.core.evaluation.Evaluator;
import java.util.Locale;

/**
 * What a session measures on its test set and how the table prints it: accuracy for a
 * classification; RMSE for a regression, in the target's own unit (the model learns targets
 * standardised with the training statistics of the recipe's preprocessing, which turn its RMSE
 * back: {@link Preprocessing#targetUnits}). The committee scores the same metric on its fragments
 * (RMSE there in standardised units, as the fragments hold the targets).
 *
 * @param committee     the metric the model is published with
 * @param preprocessing the data's preprocessing (null when the data is features already)
 */
public record TestMetric(Metric committee, Preprocessing preprocessing) {

    /** Accuracy for data with class labels, RMSE for float targets. */
    public static TestMetric of(final SessionData data) {
        return new TestMetric(data.union().isRegression() ? Metric.RMSE : Metric.ACCURACY, data.preprocessing());
    }

    /** True for a regression (lower is better). */
    public boolean regression() {
        return committee.regression();
    }

    /** {@code params}' score on {@code test}: accuracy in [0, 1], or RMSE in the target's unit. */
    public double measure(final Evaluator evaluator, final float[] params, final Dataset test) {
        final double v = evaluator.score(params, test, committee);
        return regression() && preprocessing != null ? preprocessing.targetUnits(v) : v;
    }

    /**
     * A regression's reference: the RMSE (target's unit) on {@code test} of always predicting the
     * mean target of {@code train}, what a model that learned nothing from the features scores.
     */
    public double meanPrediction(final Dataset train, final Dataset test) {
        double mean = 0;
        for (final float t : train.targets()) {
            mean += (double) t / train.size();
        }
        double squares = 0;
        for (final float t : test.targets()) {
            squares += (t - mean) * (t - mean) / test.size();
        }
        final double rmse = Math.sqrt(squares);
        return preprocessing != null ? preprocessing.targetUnits(rmse) : rmse;
    }

    /** The table's column and the log lines' name: "test acc" or "test RMSE". */
    public String column() {
        return regression() ? "test RMSE" : "test acc";
    }

    /** The name in a sentence: "test accuracy" or "test RMSE". */
    public String label() {
        return regression() ? "test RMSE" : "test accuracy";
    }

    /** A value as printed: "93.20%" or "54.31". */
    public String format(final double v) {
        return regression() ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}

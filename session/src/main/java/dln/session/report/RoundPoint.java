package dln.session.report;

import java.util.Objects;

/**
 * One measured point of an accuracy curve: the test accuracy (a fraction in [0, 1]) of
 * {@code series} after {@code round}. Points of the same series form one line of the chart.
 */
public record RoundPoint(String series, int round, double accuracy) {
    public RoundPoint {
        Objects.requireNonNull(series, "series");
        if (series.isBlank()) throw new IllegalArgumentException("series name is blank");
        if (round < 0) throw new IllegalArgumentException("round " + round + " is negative");
        // Fractions, not percents: a value of 97.5 here is a caller's unit mistake, not 9750%.
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException("accuracy " + accuracy + " of " + series + " round " + round + " is not a fraction in [0, 1]");
        }
    }
}

package dln.session.report;

import java.util.Objects;

/**
 * A horizontal reference on the accuracy chart, typically the centralised baseline:
 * the accuracy (a fraction in [0, 1]) that decentralised training is measured against.
 */
public record ReferenceLine(String label, double accuracy) {
    public ReferenceLine {
        Objects.requireNonNull(label, "label");
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException("reference accuracy " + accuracy + " of " + label + " is not a fraction in [0, 1]");
        }
    }

    public static ReferenceLine centralised(double accuracy) {
        return new ReferenceLine("centralised baseline", accuracy);
    }
}

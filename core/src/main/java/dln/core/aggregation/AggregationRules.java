package dln.core.aggregation;

import java.util.Locale;

/**
 * Parses the rule names a model declares on the ledger: {@code fedavg}, {@code median},
 * {@code trimmed-mean:<beta>}, {@code multi-krum:<f>:<m>}, {@code norm-clip:<clipNorm>}.
 */
public final class AggregationRules {
    private AggregationRules() {
    }

    /** Builds the rule named by {@code spec}; throws {@link IllegalArgumentException} on unknown names. */
    public static AggregationRule parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (parts[0]) {
                case "fedavg" -> arity(parts, 1, new FedAvg());
                case "median" -> arity(parts, 1, new CoordinateMedian());
                case "trimmed-mean" -> arity(parts, 2, new TrimmedMean(Double.parseDouble(parts[1])));
                case "multi-krum" -> arity(parts, 3,
                        new MultiKrum(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
                case "norm-clip" -> arity(parts, 2, new NormClippedFedAvg(Double.parseDouble(parts[1])));
                default -> throw new IllegalArgumentException("unknown aggregation rule '" + spec
                        + "' (known: fedavg, median, trimmed-mean:<beta>, multi-krum:<f>:<m>, norm-clip:<c>)");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed aggregation rule '" + spec + "'", e);
        }
    }

    private static AggregationRule arity(String[] parts, int n, AggregationRule rule) {
        if (parts.length != n) {
            throw new IllegalArgumentException("aggregation rule '" + String.join(":", parts)
                    + "' takes " + (n - 1) + " parameter(s)");
        }
        return rule;
    }
}

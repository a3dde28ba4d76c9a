package dln.api;

import java.util.List;
import java.util.Locale;

/**
 * The aggregation rules a model may declare, with the names of their numeric parameters in the
 * order their canonical form lists them ({@code trimmed-mean:0.3}, {@code multi-krum:1:3}).
 * Adding a rule: one constant here and one implementation registered in core's rule registry.
 */
public enum AggregationRuleName {
    FEDAVG,
    MEDIAN,
    TRIMMED_MEAN("beta"),
    MULTI_KRUM("f", "m"),
    NORM_CLIP("clip");

    private final List<String> params;

    AggregationRuleName(final String... params) {
        this.params = List.of(params);
    }

    /** The name on the ledger and on command lines, e.g. "trimmed-mean". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parameter names, in canonical order. */
    public List<String> params() {
        return params;
    }

    /** The form a user writes, e.g. "multi-krum:<f>:<m>". */
    public String usage() {
        final StringBuilder b = new StringBuilder(wire());
        params.forEach(p -> b.append(":<").append(p).append('>'));
        return b.toString();
    }

    /** Every rule's usage, for error messages. */
    public static String known() {
        final StringBuilder b = new StringBuilder();
        for (AggregationRuleName n : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(n.usage());
        }
        return b.toString();
    }

    /** The rule named {@code wire}; IllegalArgumentException naming the known rules otherwise. */
    public static AggregationRuleName of(final String wire) {
        for (AggregationRuleName n : values()) {
            if (n.wire().equals(wire)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown aggregation rule '" + wire + "'; known: " + known());
    }
}

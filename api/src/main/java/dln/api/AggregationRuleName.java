package dln.api;

import java.util.List;
import java.util.Locale;

/**
 * The aggregation rules a model may declare, with the names of their numeric parameters in the
 * order their canonical form lists them ({@code trimmed-mean:0.3}, {@code multi-krum:1:3}).
 * Adding a rule: one constant here and one implementation registered in core's rule registry.
 *
 * <p>The robust rules (median, trimmed-mean, multi-krum, centered-clip) take one optional last
 * parameter, {@value #BUCKET}: with it the updates are first averaged in buckets of that many
 * (Karimireddy, He &amp; Jaggi 2022) and the rule runs on the bucket means, e.g.
 * {@code multi-krum:1:3:2} or, on the ledger, {@code {"rule": "multi-krum", "params": {"f": 1,
 * "m": 3, "bucket": 2}}}. An optional parameter rather than a combinator name keeps the ledger's
 * {rule, params} form flat and numeric, so it round-trips unchanged.
 */
public enum AggregationRuleName {
    FEDAVG(false),
    MEDIAN(true),
    TRIMMED_MEAN(true, "beta"),
    MULTI_KRUM(true, "f", "m"),
    NORM_CLIP(false, "clip"),
    /** Norm clipping at {@code factor} times the set's lower median step norm (FLAME's bound, scaled). */
    ADAPTIVE_CLIP(false, "factor"),
    CENTERED_CLIP(true, "tau", "iterations"),
    /** FedAvg of steps normalised by their local step counts, from the weights and the providers' batch (Wang et al. 2020). */
    FEDNOVA(false, "batch");

    /** The optional parameter of the robust rules: how many updates each bucket averages. */
    public static final String BUCKET = "bucket";

    private final List<String> params;
    private final List<String> optional;

    AggregationRuleName(final boolean bucketed, final String... params) {
        this.params = List.of(params);
        this.optional = bucketed ? List.of(BUCKET) : List.of();
    }

    /** The name on the ledger and on command lines, e.g. "trimmed-mean". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The required parameter names, in canonical order. */
    public List<String> params() {
        return params;
    }

    /** The optional parameter names, written after the required ones when present ({@value #BUCKET} or none). */
    public List<String> optionalParams() {
        return optional;
    }

    /** The form a user writes, e.g. "multi-krum:&lt;f&gt;:&lt;m&gt;[:&lt;bucket&gt;]". */
    public String usage() {
        final StringBuilder b = new StringBuilder(wire());
        params.forEach(p -> b.append(":<").append(p).append('>'));
        optional.forEach(p -> b.append("[:<").append(p).append(">]"));
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

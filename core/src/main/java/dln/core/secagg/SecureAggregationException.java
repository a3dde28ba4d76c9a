package dln.core.secagg;

import dln.api.Rule;

/** A secure-aggregation step that cannot be carried out; {@link #code()} names the ledger rule it matches. */
public final class SecureAggregationException extends RuntimeException {
    private final Rule rule;

    public SecureAggregationException(final Rule rule, final String message) {
        super(rule.name() + ": " + message);
        this.rule = rule;
    }

    /** The rule's name, e.g. {@code SECAGG_BELOW_THRESHOLD}. */
    public String code() {
        return rule.name();
    }

    public Rule rule() {
        return rule;
    }
}

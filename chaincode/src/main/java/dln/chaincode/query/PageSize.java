package dln.chaincode.query;

import dln.api.Rule;
import dln.chaincode.rule.Violation;

/** Page sizes are bounded so a query's cost is bounded. */
public final class PageSize {

    public static final int MAX = 200;

    private PageSize() {
    }

    public static int parse(final String text) {
        try {
            final int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // same error below
        }
        throw Violation.of(Rule.INVALID_FIELD, "pageSize must be a whole number in 1.." + MAX + ", got '" + text + "'");
    }
}

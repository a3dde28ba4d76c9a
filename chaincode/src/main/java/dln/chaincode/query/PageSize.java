package dln.chaincode.query;

import dln.chaincode.call.NumberArgument;

/** Page sizes are bounded so a query's cost is bounded. */
public final class PageSize {

    public static final int MAX = 200;

    private PageSize() {
    }

    public static int parse(final String text) {
        return NumberArgument.parse(text, "pageSize", 1, MAX);
    }
}

package dln.chaincode.call;

import dln.api.Rule;
import dln.chaincode.rule.Violation;

/**
 * A whole-number argument (a round, a page size, a depth): ASCII decimal digits only, within its
 * bounds. Integer.parseInt alone would also take "+3" and digits of other scripts ("٣").
 */
public final class NumberArgument {

    private static final int MAX_DIGITS = 9;

    private NumberArgument() {
    }

    public static int parse(final String text, final String name, final int min, final int max) {
        if (text != null && !text.isEmpty() && text.length() <= MAX_DIGITS && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            final int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw Violation.of(Rule.INVALID_FIELD, name + " must be a whole number in " + min + ".." + max + ", got '" + shortened(text) + "'");
    }

    private static String shortened(final String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

package dln.console;

import java.util.regex.Pattern;

/**
 * The forms of the ids a URL may carry, as the chaincode defines them (docs/ledger.md §1): a
 * malformed one is the reader's mistake (400) and never reaches the ledger; a well-formed one
 * the ledger does not know is a 404.
 */
final class Ids {

    private static final Pattern MODEL = Pattern.compile("m-[0-9a-f]{32}");
    private static final Pattern UPDATE = Pattern.compile("u-[0-9a-f]{32}");
    private static final Pattern ROUND = Pattern.compile("[1-9][0-9]{0,5}");

    private Ids() {
    }

    static String model(final String id) {
        if (id == null || !MODEL.matcher(id).matches()) {
            throw HttpProblem.badRequest("not a model id: a model id is m- and 32 lower-case hex digits");
        }
        return id;
    }

    static String update(final String id) {
        if (id == null || !UPDATE.matcher(id).matches()) {
            throw HttpProblem.badRequest("not an update id: an update id is u- and 32 lower-case hex digits");
        }
        return id;
    }

    static int round(final String n) {
        if (n == null || !ROUND.matcher(n).matches()) {
            throw HttpProblem.badRequest("not a round number: a round is a whole number from 1");
        }
        return Integer.parseInt(n);
    }
}

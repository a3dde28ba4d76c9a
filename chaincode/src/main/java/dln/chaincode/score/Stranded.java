package dln.chaincode.score;

import dln.api.UnavailablePolicy;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.model.Model;
import dln.chaincode.update.Update;
import java.util.List;

/**
 * Whether a pending update can still be decided. Under acceptance.unavailable = "abstain" an
 * unavailable score does not count, and each member scores once, so once too few members are left
 * to bring an available quorum the update can only wait for its round to close. Such an update
 * must not hold its round open until the deadline: {@code RoundClosing} treats it as settled, and
 * the closing expires it. Under "reject" every score counts and SubmitUpdate already refused
 * updates the committee could not bring to a quorum, so nothing is ever stranded.
 */
public final class Stranded {

    private Stranded() {
    }

    /** {@code scores}: every score of {@code update} recorded so far (this transaction's included). */
    public static boolean is(final Model model, final Update update, final List<Score> scores) {
        if (model.acceptance().unavailable() != UnavailablePolicy.ABSTAIN) {
            return false;
        }
        final long available = scores.stream().filter(s -> !s.unavailable()).count();
        final int eligible = model.committee().size() - (model.member(update.submitter()).isPresent() ? 1 : 0);
        final int remaining = eligible - scores.size();
        return available + remaining < model.acceptance().quorum();
    }

    /** Reads the scores of {@code update}: one range read bounded by the committee's size. */
    public static boolean is(final dln.chaincode.ledger.Ledger ledger, final Model model, final Update update) {
        return is(model, update, ledger.records(Key.of(Keys.SCORE, update.id()), Score.class, model.committee().size()));
    }
}

package dln.chaincode.round;

import dln.chaincode.call.NumberArgument;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Mode;
import dln.chaincode.model.Model;
import dln.api.Rule;
import dln.chaincode.rule.Violation;

/** Loads a federated model's round or fails with NOT_FEDERATED / ROUND_NOT_FOUND. */
public final class Rounds {

    private Rounds() {
    }

    public static Round load(final Ledger ledger, final Model model, final int number) {
        if (model.mode() != Mode.FEDERATED) {
            throw Violation.of(Rule.NOT_FEDERATED, "model " + model.id() + " learns by gossip and has no rounds");
        }
        return ledger.read(Keys.round(model.id(), number), Round.class)
                .orElseThrow(() -> Violation.of(Rule.ROUND_NOT_FOUND, "model " + model.id() + " has no round " + number
                        + (model.currentRound() > 0 ? "; its current round is " + model.currentRound() : "; it has not opened yet")));
    }

    public static int parse(final String round) {
        return NumberArgument.parse(round, "round", 1, 999_999);
    }
}

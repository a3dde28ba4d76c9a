package dln.chaincode.round;

import dln.api.RoundStatus;
import dln.api.Rule;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.rule.Violation;

/**
 * Whether a provider may take its turn in a federated round, by an update (SubmitUpdate) or by an
 * abstention (Abstain): the one place both ask it, so the two ways of taking a turn cannot drift.
 */
public final class RoundTurns {

    private RoundTurns() {
    }

    /**
     * Refuses unless {@code round} is {@code model}'s current round, open to submissions and before
     * its deadline, and {@code caller} has neither submitted an update to it nor abstained from it.
     */
    public static void requireOpenTo(final Ledger ledger, final Model model, final Round round, final Identity caller) {
        if (round.number() != model.currentRound()) {
            throw Violation.of(Rule.WRONG_ROUND, "model " + model.id() + " is in round " + model.currentRound() + ", not " + round.number()
                    + "; fetch the round and train from its parents");
        }
        if (round.status() == RoundStatus.SCORING) {
            throw Violation.of(Rule.SUBMISSIONS_CLOSED, "round " + round.number() + " is scoring its " + round.scoring().size()
                    + " submitted updates; train from its result and submit to round " + (round.number() + 1));
        }
        if (round.status() != RoundStatus.OPEN) {
            throw Violation.of(Rule.ROUND_CLOSED, "round " + round.number() + " is closed");
        }
        if (round.deadlinePassed(ledger.now())) {
            throw Violation.of(Rule.ROUND_DEADLINE_PASSED, "round " + round.number() + " ended at " + round.deadline()
                    + "; call round:CloseRound and submit to the next round");
        }
        if (ledger.readText(Keys.provider(model.id(), round.number(), caller)).isPresent()) {
            throw Violation.of(Rule.DUPLICATE_UPDATE_IN_ROUND, "you already submitted an update in round " + round.number() + " of model " + model.id());
        }
        if (RoundAbstentions.abstained(ledger, model.id(), round.number(), caller)) {
            throw Violation.of(Rule.ABSTAINED_IN_ROUND, "you abstained from round " + round.number() + " of model " + model.id()
                    + "; train from its result and submit to round " + (round.number() + 1));
        }
    }
}

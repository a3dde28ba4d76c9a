package dln.chaincode.round;

import dln.api.EventName;
import dln.api.Rule;
import dln.chaincode.event.Changes;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.rule.Violation;
import dln.chaincode.score.ScoreRequest;
import java.util.List;

/**
 * Abstain: a provider takes its turn in a federated round without an update ({@link Abstention}).
 * Every check comes before anything is written. Only rounds of the contribution policy take
 * abstentions: their set is fixed once minUpdates providers took their turn, and the abstention
 * counts toward it as a submission does (the one that completes the set fixes it in the same
 * transaction, as a completing submission does); a threshold round closes on decided updates, and
 * an abstention there would only move its close to the deadline.
 */
public final class RoundAbstentions {

    private RoundAbstentions() {
    }

    public static Round abstain(final Ledger ledger, final String modelId, final String roundText, final String reason) {
        final int number = Rounds.parse(roundText);
        if (reason.isEmpty() || reason.length() > ScoreRequest.MAX_REASON) {
            throw Violation.of(Rule.INVALID_FIELD, "reason must be 1.." + ScoreRequest.MAX_REASON + " characters, got " + reason.length());
        }
        final Identity caller = ledger.caller();
        final Model model = Models.load(ledger, modelId);
        if (model.publisher().equals(caller)) {
            throw Violation.of(Rule.PUBLISHER_CANNOT_SUBMIT, "the publisher of model " + model.id() + " does not train it, so it has no turn to abstain from");
        }
        if (model.securelyAggregated()) {
            // The round's masks cancel only over the key set the providers advertised: one leaving it is a dropout, not an abstention.
            throw Violation.of(Rule.SECURE_AGGREGATION_REQUIRED, "model " + model.id() + " aggregates masked updates: a provider of its key"
                    + " set takes part through secagg (docs/privacy.md); one that does not is recovered as a dropout");
        }
        Models.requireOpen(model);
        final Round round = Rounds.load(ledger, model, number);
        RoundActions.requireContribution(model);
        RoundTurns.requireOpenTo(ledger, model, round, caller);
        // Read before anything is written (Fabric hides a transaction's own writes from its reads).
        final List<String> submitted = RoundActions.submitted(ledger, model.id(), number);
        final boolean completes = !submitted.isEmpty() && submitted.size() + count(ledger, model.id(), number) + 1 >= model.rounds().minUpdates();
        final Abstention abstention = new Abstention(model.id(), number, caller, reason, ledger.now().toString());
        ledger.put(Keys.abstention(model.id(), number, caller), abstention);
        final Changes changes = new Changes().add(EventName.RoundAbstained, "modelId", model.id(), "round", number, "by", caller, "reason", reason);
        final Round after = completes ? RoundActions.fixSet(ledger, model, round, submitted, changes) : round;
        changes.emit(ledger);
        return after;
    }

    /** Whether {@code who} abstained from round {@code number}: one point read. */
    public static boolean abstained(final Ledger ledger, final String modelId, final int number, final Identity who) {
        return ledger.readText(Keys.abstention(modelId, number, who)).isPresent();
    }

    /** How many providers abstained from round {@code number}: one range read of their keys. */
    public static int count(final Ledger ledger, final String modelId, final int number) {
        return ledger.values(Key.of(Keys.ABSTENTION, modelId, Keys.round(number)), Integer.MAX_VALUE).size();
    }

    /** The round's abstentions, in provider key order (mspId, x509Id). */
    public static List<Abstention> list(final Ledger ledger, final String modelId, final int number) {
        return ledger.records(Key.of(Keys.ABSTENTION, modelId, Keys.round(number)), Abstention.class, Integer.MAX_VALUE);
    }
}

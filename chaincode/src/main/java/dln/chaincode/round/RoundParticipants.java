package dln.chaincode.round;

import dln.api.Rule;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.rule.Violation;

/**
 * Who takes part in a federated round, and so may close it after its deadline, record its
 * aggregate or dispute it: the model's publisher, its committee members, and every provider that
 * submitted an update in that round, whatever became of it. A provider whose update was rejected
 * still trains on the round's aggregate, so it recomputes it like the others, and so does one
 * that abstained ({@link RoundAbstentions}); the first record
 * is never trusted anyway (every participant recomputes and may dispute). Outsiders are refused
 * so that no identity of the consortium can race the participants with an arbitrary CID.
 * One point read: the provider's one-update-per-round key; in a securely aggregated round a
 * provider takes part by advertising its mask key (a second point read).
 */
public final class RoundParticipants {

    private RoundParticipants() {
    }

    public static boolean includes(final Ledger ledger, final Model model, final int round, final Identity who) {
        return model.publisher().equals(who) || model.member(who).isPresent()
                || ledger.readText(Keys.provider(model.id(), round, who)).isPresent()
                || model.securelyAggregated() && ledger.readText(Keys.secureParty(model.id(), round, who)).isPresent()
                || RoundAbstentions.abstained(ledger, model.id(), round, who);
    }

    public static void require(final Ledger ledger, final Model model, final int round, final Identity who, final String what) {
        if (!includes(ledger, model, round, who)) {
            throw Violation.of(Rule.NOT_ROUND_PARTICIPANT, "only the publisher, the committee and the providers of round " + round
                    + " of model " + model.id() + " " + what);
        }
    }
}

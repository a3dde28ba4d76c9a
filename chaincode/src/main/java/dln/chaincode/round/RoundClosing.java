package dln.chaincode.round;

import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Rule;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.score.Stranded;
import dln.chaincode.update.PendingExpiry;
import dln.chaincode.update.Update;
import dln.api.UpdateStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing a round, planned from reads and then applied as writes (Fabric hides a transaction's own
 * writes from its reads). Updates still pending expire: the next round's parents are fixed now.
 * A round without accepted updates hands its own parents on, so training resumes from the same state.
 */
public final class RoundClosing {

    private final Model model;
    private final Round closed;
    private final Round next;
    private final PendingExpiry expiring;
    private final Instant now;

    private RoundClosing(final Model model, final Round closed, final Round next, final PendingExpiry expiring, final Instant now) {
        this.model = model;
        this.closed = closed;
        this.next = next;
        this.expiring = expiring;
        this.now = now;
    }

    /**
     * Whether settling {@code settling} (deciding it, or leaving it stranded: see {@link Stranded})
     * completes the round: at least minUpdates decided, and every other pending update stranded.
     * Decided updates are counted first, so the pending ones' scores are read only when the round
     * may close; an absent provider never holds a round open, and one whose weights nobody can
     * fetch holds it only until the committee has recorded them unavailable.
     */
    public static boolean completes(final Ledger ledger, final Model model, final Round round, final Update settling,
                                    final boolean settlingDecided) {
        return completes(ledger, model, round, java.util.Set.of(settling.id()), settlingDecided ? 1 : 0);
    }

    /**
     * Whether settling every update in {@code settling} (this transaction's, not yet on the ledger
     * it reads), {@code decidedNow} of them by a decision, completes the round. SubmitScores asks
     * once for its whole batch.
     */
    public static boolean completes(final Ledger ledger, final Model model, final Round round, final java.util.Set<String> settling,
                                    final int decidedNow) {
        // A scoring round's set is fixed: it completes when every update in it is settled.
        final int needed = round.status() == dln.api.RoundStatus.SCORING ? 0 : model.updatesToCloseRound() - decidedNow;
        if (needed > 0) {
            final int decided = ledger.values(statusPrefix(model, round, UpdateStatus.ACCEPTED), needed).size();
            if (decided + ledger.values(statusPrefix(model, round, UpdateStatus.REJECTED), needed).size() < needed) {
                return false;
            }
        }
        // Any other pending update that is not stranded keeps the round open, and the first one
        // read usually is one: read the pending ids two at a time first (the settling update may be
        // among them), all of them only when those were stranded. Reading them all on every decision
        // cost O(pending) keys per decision, O(updates^2) per round (./dln bench scale).
        final Key pending = statusPrefix(model, round, UpdateStatus.PENDING);
        for (int limit = 2; ; limit = Integer.MAX_VALUE) {
            final List<String> ids = ledger.values(pending, limit);
            for (final String id : ids) {
                if (settling.contains(id)) {
                    continue;
                }
                final Update other = ledger.read(Keys.update(id), Update.class).orElse(null);
                if (other != null && !Stranded.is(ledger, model, other)) {
                    return false;
                }
            }
            if (ids.size() < limit) {
                return true;
            }
        }
    }

    /** @param decidedNow the update this transaction decides (state after the decision), or null */
    public static RoundClosing plan(final Ledger ledger, final Model model, final Round round, final String reason, final Update decidedNow) {
        return plan(ledger, model, round, reason, decidedNow == null ? List.of() : List.of(decidedNow));
    }

    /** @param decidedNow the updates this transaction decides (states after the decisions), none to expire */
    public static RoundClosing plan(final Ledger ledger, final Model model, final Round round, final String reason,
                                    final List<Update> decidedNow) {
        final List<String> accepted = new ArrayList<>(ledger.values(statusPrefix(model, round, UpdateStatus.ACCEPTED), Integer.MAX_VALUE));
        decidedNow.stream().filter(u -> u.status() == UpdateStatus.ACCEPTED).forEach(u -> accepted.add(u.id()));
        accepted.sort(null);
        final PendingExpiry expiring = PendingExpiry.read(ledger, statusPrefix(model, round, UpdateStatus.PENDING),
                decidedNow.stream().map(Update::id).collect(java.util.stream.Collectors.toSet()));
        final Instant now = ledger.now();
        final int minimum = Models.rule(model).minimumUpdates();
        // No rule stands in for another: a set too small for the model's rule is recorded as such,
        // and the round hands its parents on, as one that accepted nothing.
        final String error = accepted.isEmpty() || accepted.size() >= minimum ? null
                : Rule.AGGREGATION_UNDEFINED.name() + ": " + model.aggregation().rule() + " needs at least " + minimum
                        + " accepted updates; the round accepted " + accepted.size() + " and hands its parents on";
        final Round closed = round.closed(accepted, now, reason, error);
        final Round next = Round.open(model.id(), round.number() + 1, accepted.isEmpty() || error != null ? round.parents() : accepted,
                now, model.rounds().deadlineSeconds());
        return new RoundClosing(model, closed, next, expiring, now);
    }

    private static Key statusPrefix(final Model model, final Round round, final UpdateStatus status) {
        return Key.of(Keys.UPDATE_BY_ROUND_STATUS, model.id(), Keys.round(round.number()), status.wire());
    }

    public void apply(final Ledger ledger, final Changes changes) {
        expiring.apply(ledger, changes, model.id(), closed.number());
        ledger.put(Keys.round(model.id(), closed.number()), closed);
        ledger.put(Keys.round(model.id(), next.number()), next);
        ledger.put(Keys.model(model.id()), model.inRound(next.number()));
        changes.add(EventName.RoundClosed, "modelId", model.id(), "round", closed.number(), "accepted", closed.accepted(),
                "closedBy", closed.closedBy(), "aggregationError", closed.aggregationError());
        changes.add(EventName.RoundOpened, "modelId", model.id(), "round", next.number(), "parents", next.parents(),
                "deadline", next.deadline());
    }

    public Round closed() {
        return closed;
    }
}

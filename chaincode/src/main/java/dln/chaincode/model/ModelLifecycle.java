package dln.chaincode.model;

import dln.api.RoundStatus;
import dln.api.Mode;
import dln.api.ModelStatus;
import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.round.Round;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import dln.chaincode.update.PendingExpiry;
import dln.api.UpdateStatus;
import java.util.List;

/**
 * Approval votes and closing. A model opens when approvals reach approvalQuorum and is declined
 * as soon as enough members declined that the quorum can no longer be reached.
 */
public final class ModelLifecycle {

    public static final int MAX_REASON_CHARS = 512;

    private ModelLifecycle() {
    }

    public static Model vote(final Ledger ledger, final String modelId, final boolean approve, final String reason) {
        if (!approve && (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS)) {
            throw Violation.of(Rule.INVALID_FIELD, "a decline needs a reason of 1.." + MAX_REASON_CHARS + " characters");
        }
        final Model model = Models.load(ledger, modelId);
        final Identity caller = ledger.caller();
        if (model.member(caller).isEmpty()) {
            throw Violation.of(Rule.NOT_COMMITTEE_MEMBER, "only the committee of model " + modelId + " approves or declines it");
        }
        if (model.status() != ModelStatus.PROPOSED) {
            throw Violation.of(Rule.MODEL_NOT_PROPOSED, "model " + modelId + " is already " + model.status().wire());
        }
        if (model.hasVoted(caller)) {
            throw Violation.of(Rule.ALREADY_VOTED, "you already voted on model " + modelId + "; votes are final");
        }
        final String now = ledger.now().toString();
        Model next = model.withVote(new Vote(caller, approve, approve ? null : reason, now));
        final Changes changes = new Changes().add(EventName.ModelVoteRecorded, "modelId", modelId, "member", caller, "approve", approve);
        Round firstRound = null;
        if (next.approvals() >= next.approvalQuorum()) {
            next = next.opened(now);
            changes.add(EventName.ModelOpened, "modelId", modelId, "mode", next.mode());
            if (next.mode() == Mode.FEDERATED) {
                firstRound = Round.open(modelId, 1, List.of(Ids.INITIAL), ledger.now(), next.rounds().deadlineSeconds());
                changes.add(EventName.RoundOpened, "modelId", modelId, "round", 1, "parents", firstRound.parents(),
                        "deadline", firstRound.deadline());
            }
        } else if (next.declines() > next.committee().size() - next.approvalQuorum()) {
            next = next.finished(ModelStatus.DECLINED, now);
            changes.add(EventName.ModelDeclined, "modelId", modelId, "declines", next.declines());
        }
        if (next.status() != model.status()) {
            ledger.delete(ModelPublication.statusKey(model));
            ledger.index(ModelPublication.statusKey(next), modelId);
        }
        ledger.put(Keys.model(modelId), next);
        if (firstRound != null) {
            ledger.put(Keys.round(modelId, 1), firstRound);
        }
        changes.emit(ledger);
        return next;
    }

    public static Model close(final Ledger ledger, final String modelId) {
        final Model model = Models.load(ledger, modelId);
        if (!model.publisher().equals(ledger.caller())) {
            throw Violation.of(Rule.NOT_PUBLISHER, "only the publisher of model " + modelId + " closes it");
        }
        if (model.status() == ModelStatus.CLOSED || model.status() == ModelStatus.DECLINED) {
            throw Violation.of(Rule.MODEL_ALREADY_FINAL, "model " + modelId + " is already " + model.status().wire());
        }
        // Reads first: Fabric hides a transaction's own writes from its reads.
        final WindUp windUp = model.status() == ModelStatus.OPEN ? WindUp.plan(ledger, model) : WindUp.NOTHING;
        final Model closed = model.finished(ModelStatus.CLOSED, ledger.now().toString());
        ledger.delete(ModelPublication.statusKey(model));
        ledger.index(ModelPublication.statusKey(closed), modelId);
        ledger.put(Keys.model(modelId), closed);
        final Changes changes = new Changes().add(EventName.ModelClosed, "modelId", modelId, "round", closed.currentRound());
        windUp.apply(ledger, model, changes);
        changes.emit(ledger);
        return closed;
    }

    /**
     * What closing an open model finishes: a closed model takes no more scores, so its pending
     * updates expire now instead of staying pending for ever, and a federated model's open round
     * closes with what it accepted so far (export and status then see a finished round). Gossip
     * updates live in round 0.
     */
    private record WindUp(int round, PendingExpiry expiring, Round closedRound) {
        static final WindUp NOTHING = new WindUp(0, new PendingExpiry(List.of(), null), null);

        static WindUp plan(final Ledger ledger, final Model model) {
            final int round = model.mode() == Mode.FEDERATED ? model.currentRound() : 0;
            final dln.chaincode.keys.Key pending = round > 0 ? byStatus(model, round, UpdateStatus.PENDING)
                    : dln.chaincode.keys.Key.of(Keys.UPDATE_BY_STATUS, model.id(), UpdateStatus.PENDING.wire());
            final PendingExpiry expiring = PendingExpiry.read(ledger, pending, java.util.Set.of());
            Round closedRound = null;
            if (round > 0) {
                final java.util.Optional<Round> open = ledger.read(Keys.round(model.id(), round), Round.class);
                if (open.isPresent() && open.get().status() != dln.api.RoundStatus.CLOSED) {
                    final List<String> accepted = new java.util.ArrayList<>(
                            ledger.values(byStatus(model, round, UpdateStatus.ACCEPTED), Integer.MAX_VALUE));
                    accepted.sort(null);
                    closedRound = open.get().closed(accepted, ledger.now(), "model closed");
                }
            }
            return new WindUp(round, expiring, closedRound);
        }

        void apply(final Ledger ledger, final Model model, final Changes changes) {
            expiring.apply(ledger, changes, model.id(), round);
            if (closedRound != null) {
                ledger.put(Keys.round(model.id(), round), closedRound);
                changes.add(EventName.RoundClosed, "modelId", model.id(), "round", round, "accepted", closedRound.accepted(),
                        "closedBy", closedRound.closedBy());
            }
        }
    }

    private static dln.chaincode.keys.Key byStatus(final Model model, final int round, final UpdateStatus status) {
        return dln.chaincode.keys.Key.of(Keys.UPDATE_BY_ROUND_STATUS, model.id(), Keys.round(round), status.wire());
    }
}

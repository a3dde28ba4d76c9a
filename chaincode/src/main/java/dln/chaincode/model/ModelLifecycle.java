package dln.chaincode.model;

import dln.chaincode.event.Changes;
import dln.chaincode.event.EventName;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.round.Round;
import dln.chaincode.rule.Rule;
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
        final Model model = Models.load(ledger, modelId);
        final Identity caller = ledger.caller();
        if (model.member(caller).isEmpty()) {
            throw Rule.NOT_COMMITTEE_MEMBER.fail("only the committee of model " + modelId + " approves or declines it");
        }
        if (model.status() != ModelStatus.PROPOSED) {
            throw Rule.MODEL_NOT_PROPOSED.fail("model " + modelId + " is already " + model.status().wire());
        }
        if (model.hasVoted(caller)) {
            throw Rule.ALREADY_VOTED.fail("you already voted on model " + modelId + "; votes are final");
        }
        if (!approve && (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS)) {
            throw Rule.INVALID_FIELD.fail("a decline needs a reason of 1.." + MAX_REASON_CHARS + " characters");
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
            throw Rule.NOT_PUBLISHER.fail("only the publisher of model " + modelId + " closes it");
        }
        if (model.status() == ModelStatus.CLOSED || model.status() == ModelStatus.DECLINED) {
            throw Rule.MODEL_ALREADY_FINAL.fail("model " + modelId + " is already " + model.status().wire());
        }
        final Model closed = model.finished(ModelStatus.CLOSED, ledger.now().toString());
        ledger.delete(ModelPublication.statusKey(model));
        ledger.index(ModelPublication.statusKey(closed), modelId);
        ledger.put(Keys.model(modelId), closed);
        new Changes().add(EventName.ModelClosed, "modelId", modelId, "round", closed.currentRound()).emit(ledger);
        return closed;
    }
}

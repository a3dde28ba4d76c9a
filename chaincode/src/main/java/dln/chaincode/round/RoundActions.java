package dln.chaincode.round;

import dln.api.RoundStatus;
import dln.chaincode.cid.Cid;
import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.api.ModelStatus;
import dln.chaincode.model.Models;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** CloseRound, RecordAggregate and DisputeAggregate. */
public final class RoundActions {

    private RoundActions() {
    }

    public static Round close(final Ledger ledger, final String modelId, final String roundText) {
        final int number = Rounds.parse(roundText);
        final Model model = Models.load(ledger, modelId);
        final Round round = Rounds.load(ledger, model, number);
        final Identity caller = ledger.caller();
        final boolean publisher = model.publisher().equals(caller);
        if (!publisher) {
            // After the deadline any participant may close, so a round cannot stay open because its publisher is gone.
            RoundParticipants.require(ledger, model, number, caller, "close it");
        }
        if (model.status() != ModelStatus.OPEN) {
            throw Violation.of(Rule.MODEL_NOT_OPEN, "model " + modelId + " is " + model.status().wire());
        }
        if (round.status() == RoundStatus.CLOSED) {
            throw Violation.of(Rule.ROUND_CLOSED, "round " + round.number() + " of model " + modelId + " is already closed");
        }
        final boolean late = round.deadlinePassed(ledger.now());
        if (!publisher && !late) {
            throw Violation.of(Rule.ROUND_DEADLINE_NOT_REACHED, "round " + round.number() + " ends at " + round.deadline()
                    + "; before that only the publisher may close it");
        }
        final RoundClosing closing = RoundClosing.plan(ledger, model, round, late ? "deadline" : "publisher", java.util.List.of());
        final Changes changes = new Changes();
        closing.apply(ledger, changes);
        changes.emit(ledger);
        return closing.closed();
    }

    /**
     * StartScoring (contribution policy): fixes the round's submitted set, so that every member
     * measures each update against the same others whatever order it scores in. Allowed once
     * {@code minUpdates} updates are in, or after the deadline with at least one; any participant
     * may call it, and the first call wins. The deadline moves on by a round's time for scoring.
     * Usually the SubmitUpdate that brings the round to {@code minUpdates} fixes the set itself
     * ({@link #setCompletedBy}); this transaction remains for the deadline, and for a round whose
     * last submissions raced without asking to start it.
     */
    public static Round startScoring(final Ledger ledger, final String modelId, final String roundText) {
        final int number = Rounds.parse(roundText);
        final Model model = Models.load(ledger, modelId);
        final Round round = Rounds.load(ledger, model, number);
        RoundParticipants.require(ledger, model, number, ledger.caller(), "start its scoring");
        if (model.status() != ModelStatus.OPEN) {
            throw Violation.of(Rule.MODEL_NOT_OPEN, "model " + modelId + " is " + model.status().wire());
        }
        requireContribution(model);
        if (round.status() != RoundStatus.OPEN) {
            throw Violation.of(Rule.ROUND_NOT_OPEN, "round " + number + " of model " + modelId + " is " + round.status().wire()
                    + "; its set is fixed already");
        }
        final List<String> submitted = submitted(ledger, modelId, number);
        final boolean late = round.deadlinePassed(ledger.now());
        final int abstained = RoundAbstentions.count(ledger, modelId, number);
        if (submitted.isEmpty() || (submitted.size() + abstained < model.rounds().minUpdates() && !late)) {
            throw Violation.of(Rule.TOO_FEW_SUBMISSIONS, "round " + number + " has " + submitted.size() + " of its "
                    + model.rounds().minUpdates() + " updates" + (abstained > 0 ? " and " + abstained + " abstention(s)" : "")
                    + "; scoring starts at " + model.rounds().minUpdates()
                    + (submitted.isEmpty() ? ", or close the round after its deadline" : ", or after the deadline " + round.deadline()));
        }
        final Changes changes = new Changes();
        final Round scoring = fixSet(ledger, model, round, submitted, changes);
        changes.emit(ledger);
        return scoring;
    }

    /**
     * SubmitUpdate asked to start the scoring ({@code update.startScoring}): the round's set when
     * its submissions, {@code updateId} included, reach {@code minUpdates}, or empty while it still
     * waits for submissions. The submission then fixes it ({@link #fixSet}) in the same
     * transaction, exactly as StartScoring would right after. Only such a submission reads the
     * round's submissions (a range read), so only it can conflict with a concurrent submission to
     * the round: the others stay conflict-free. Abstentions count as submissions
     * ({@link RoundAbstentions}). Reads only: call it before the submission writes.
     * {@code round} is open (checked by the caller).
     */
    public static java.util.Optional<List<String>> setCompletedBy(final Ledger ledger, final Model model, final Round round,
            final String updateId) {
        requireContribution(model);
        final java.util.TreeSet<String> submitted = new java.util.TreeSet<>(submitted(ledger, model.id(), round.number()));
        submitted.add(updateId);
        return submitted.size() + RoundAbstentions.count(ledger, model.id(), round.number()) < model.rounds().minUpdates()
                ? java.util.Optional.empty()
                : java.util.Optional.of(List.copyOf(submitted));
    }

    static void requireContribution(final Model model) {
        if (!model.acceptance().byContribution()) {
            throw Violation.of(Rule.POLICY_INCOHERENT, "model " + model.id() + " decides by threshold: its updates are scored as they arrive");
        }
    }

    /** The ids of the round's submitted (pending) updates, sorted. */
    public static List<String> submitted(final Ledger ledger, final String modelId, final int number) {
        final List<String> ids = new ArrayList<>(ledger.values(
                Key.of(Keys.UPDATE_BY_ROUND_STATUS, modelId, Keys.round(number), dln.api.UpdateStatus.PENDING.wire()), Integer.MAX_VALUE));
        ids.sort(null);
        return ids;
    }

    /** The one place a round's set is fixed: the round in its scoring phase is written, and its change added. */
    public static Round fixSet(final Ledger ledger, final Model model, final Round round, final List<String> submittedSorted,
            final Changes changes) {
        final Round scoring = round.scoring(submittedSorted, ledger.now(), model.rounds().deadlineSeconds());
        ledger.put(Keys.round(model.id(), round.number()), scoring);
        changes.add(EventName.RoundScoring, "modelId", model.id(), "round", round.number(), "updates", submittedSorted,
                "deadline", scoring.deadline());
        return scoring;
    }

    /** The closed round with accepted updates whose aggregate {@code caller}, a participant, records or disputes. */
    private static Round closedRound(final Ledger ledger, final String modelId, final int number, final Identity caller, final String what) {
        final Model model = Models.load(ledger, modelId);
        final Round round = Rounds.load(ledger, model, number);
        RoundParticipants.require(ledger, model, number, caller, what);
        if (round.status() != RoundStatus.CLOSED) {
            throw Violation.of(Rule.ROUND_NOT_CLOSED, "round " + round.number() + " is still open; its aggregate is known once it closes");
        }
        if (round.accepted().isEmpty()) {
            throw Violation.of(Rule.NO_ACCEPTED_UPDATES, "round " + round.number() + " accepted no update, so it has no aggregate");
        }
        if (round.aggregationError() != null) {
            throw Violation.of(Rule.AGGREGATION_UNDEFINED, "round " + round.number() + " has no aggregate: " + round.aggregationError());
        }
        return round;
    }

    /**
     * The optimiser state's CID argument: "" exactly when the model has no optimiser (nothing to
     * record), a CID otherwise; null for "".
     */
    private static String stateCid(final Model model, final String stateCid) {
        if (model.optimiser().none()) {
            if (!stateCid.isEmpty()) {
                throw Violation.of(Rule.STATE_CID_NOT_EXPECTED, "model " + model.id() + " has no server optimiser: pass \"\" as the state CID");
            }
            return null;
        }
        if (stateCid.isEmpty()) {
            throw Violation.of(Rule.STATE_CID_REQUIRED, "model " + model.id() + " steps with " + model.optimiser().name()
                    + ": pass the CID of the optimiser state after this round");
        }
        Cid.normalize(stateCid, "stateCid");
        return stateCid;
    }

    public static Round recordAggregate(final Ledger ledger, final String modelId, final String roundText, final String cid,
                                        final String stateText) {
        final int number = Rounds.parse(roundText);
        Cid.normalize(cid, "cid");
        final Identity caller = ledger.caller();
        final Round round = closedRound(ledger, modelId, number, caller, "record its aggregate");
        final String state = stateCid(Models.load(ledger, modelId), stateText);
        if (round.aggregate() != null) {
            throw Violation.of(Rule.AGGREGATE_ALREADY_RECORDED, "round " + round.number() + " already has aggregate " + round.aggregate().cid()
                    + "; if your recomputation differs, call round:DisputeAggregate");
        }
        final Round recorded = round.withAggregate(new AggregateRecord(cid, caller, ledger.now().toString(), state));
        ledger.put(Keys.round(modelId, round.number()), recorded);
        new Changes().add(EventName.AggregateRecorded, "modelId", modelId, "round", round.number(), "cid", cid, "stateCid", state, "by", caller)
                .emit(ledger);
        return recorded;
    }

    /** Returns the round with every dispute of its aggregate, this one included. */
    public static RoundView dispute(final Ledger ledger, final String modelId, final String roundText, final String cid,
                                    final String stateText) {
        final int number = Rounds.parse(roundText);
        final String normal = Cid.normalize(cid, "cid");
        final Identity caller = ledger.caller();
        final Round round = closedRound(ledger, modelId, number, caller, "dispute its aggregate");
        final String state = stateCid(Models.load(ledger, modelId), stateText);
        if (round.aggregate() == null) {
            throw Violation.of(Rule.AGGREGATE_NOT_RECORDED, "round " + round.number() + " has no aggregate yet; record yours with round:RecordAggregate");
        }
        if (round.aggregate().by().equals(caller)) {
            throw Violation.of(Rule.SELF_DISPUTE, "you recorded this aggregate yourself");
        }
        if (Cid.normalize(round.aggregate().cid(), "aggregate").equals(normal)
                && (state == null || Cid.normalize(round.aggregate().stateCid(), "stateCid").equals(Cid.normalize(state, "stateCid")))) {
            throw Violation.of(Rule.DISPUTE_MATCHES_AGGREGATE, "your CIDs equal the recorded aggregate's: there is nothing to dispute");
        }
        final Key key = Keys.dispute(modelId, round.number(), caller);
        if (ledger.readText(key).isPresent()) {
            throw Violation.of(Rule.DUPLICATE_DISPUTE, "you already disputed the aggregate of round " + round.number());
        }
        final List<Dispute> disputes = new ArrayList<>(disputes(ledger, modelId, round.number()));
        final List<Abstention> abstentions = RoundAbstentions.list(ledger, modelId, round.number());
        final Dispute dispute = new Dispute(modelId, round.number(), caller, cid, ledger.now().toString(), state);
        disputes.add(dispute);
        disputes.sort(Comparator.comparing((Dispute d) -> d.by().mspId()).thenComparing(d -> d.by().x509Id()));
        ledger.put(key, dispute);
        new Changes().add(EventName.AggregateDisputed, "modelId", modelId, "round", round.number(), "cid", cid,
                "recordedCid", round.aggregate().cid(), "stateCid", state, "by", caller).emit(ledger);
        return new RoundView(round, disputes, abstentions);
    }

    /** The disputes of a round's aggregate, in disputer key order (mspId, x509Id). */
    public static List<Dispute> disputes(final Ledger ledger, final String modelId, final int round) {
        return ledger.records(Key.of(Keys.DISPUTE, modelId, Keys.round(round)), Dispute.class, Integer.MAX_VALUE);
    }
}

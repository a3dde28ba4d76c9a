package dln.chaincode.score;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dln.api.Mode;
import dln.api.RoundStatus;
import dln.api.Rule;
import dln.api.UpdateStatus;
import dln.chaincode.event.Changes;
import dln.chaincode.identity.Identity;
import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.reputation.ReputationEntry;
import dln.chaincode.round.Round;
import dln.chaincode.round.RoundClosing;
import dln.chaincode.round.Rounds;
import dln.chaincode.rule.Violation;
import dln.chaincode.update.Update;
import dln.chaincode.update.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SubmitScores: one member's scores of one round's updates in one transaction, so a round waits
 * for one block per member instead of one per update (docs/performance.md, "Where a round waits").
 * Each score is checked as SubmitScore checks it and decided in update-id order with the scores on
 * the ledger plus its own; the round's closing is checked once, after the last. Fabric hides the
 * transaction's own writes from its reads, so every read comes first and what earlier decisions
 * of the batch would have written (settled updates, reputation entries) is passed on explicitly:
 * the ledger ends as it would after the same scores sent one by one in id order.
 */
public final class ScoreBatch {

    /** More scores than a round could hold for one member is no batch of one round. */
    public static final int MAX_SCORES = dln.api.DlnLedger.MAX_BATCH_SCORES;

    private ScoreBatch() {
    }

    public static ScoresResult submit(final Ledger ledger, final String requestJson) {
        final List<ScoreRequest> requests = parse(requestJson);
        final List<Update> updates = new ArrayList<>(requests.size());
        for (final ScoreRequest r : requests) {
            updates.add(Updates.load(ledger, r.updateId()));
        }
        final Update first = updates.get(0);
        for (final Update u : updates) {
            if (!u.modelId().equals(first.modelId()) || u.round() != first.round()) {
                throw Violation.of(Rule.SCORE_BATCH_SPANS_ROUNDS, "update " + u.id() + " is not of round " + first.round() + " of model "
                        + first.modelId() + "; a SubmitScores carries the scores of one round");
            }
        }
        final Model model = Models.load(ledger, first.modelId());
        final Map<Identity, List<ReputationEntry>> unwritten = new HashMap<>();
        final List<ScoreSubmission.Planned> planned = new ArrayList<>(requests.size());
        final List<Update> decided = new ArrayList<>();
        final Set<String> settled = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            final ScoreSubmission.Planned p = ScoreSubmission.plan(ledger, model, updates.get(i), requests.get(i), unwritten);
            planned.add(p);
            for (final ScoreSubmission.Recorded r : p.reputation()) {
                unwritten.computeIfAbsent(r.who(), k -> new ArrayList<>()).add(r.entry());
            }
            if (p.deciding()) {
                decided.add(p.after());
            }
            if (p.deciding() || p.stranded()) {
                settled.add(p.update().id());
            }
        }
        RoundClosing closing = null;
        if (!settled.isEmpty() && model.mode() == Mode.FEDERATED) {
            final Round round = Rounds.load(ledger, model, first.round());
            if (round.status() != RoundStatus.CLOSED && RoundClosing.completes(ledger, model, round, settled, decided.size())) {
                // The batch's stranded updates are still pending: the closing expires them with the others.
                closing = RoundClosing.plan(ledger, model, round, "quorum", decided);
            }
        }
        final Changes changes = new Changes();
        final List<ScoreResult> results = new ArrayList<>(planned.size());
        final dln.chaincode.reputation.TrackCounter tracks = new dln.chaincode.reputation.TrackCounter();
        for (final ScoreSubmission.Planned p : planned) {
            ScoreSubmission.write(ledger, p, changes, tracks);
            final boolean expired = closing != null && p.stranded();
            results.add(new ScoreResult(p.score(), expired ? p.update().decided(UpdateStatus.EXPIRED, null, ledger.now().toString()) : p.after()));
        }
        if (closing != null) {
            closing.apply(ledger, changes);
        }
        changes.emit(ledger);
        return new ScoresResult(results);
    }

    /** {"scores": [score, ...]}: 1..MAX_SCORES scores of distinct updates, returned in update-id order. */
    static List<ScoreRequest> parse(final String json) {
        final Fields f = Fields.of(StrictJson.object(json, "request", MAX_SCORES * ScoreRequest.MAX_CHARS), "request", "scores");
        final JsonArray array = f.array("scores", 0, Integer.MAX_VALUE);
        if (array.isEmpty()) {
            throw Violation.of(Rule.EMPTY_SCORE_BATCH, "request.scores is empty; send at least one score");
        }
        if (array.size() > MAX_SCORES) {
            throw Violation.of(Rule.SCORE_BATCH_TOO_LARGE, "request.scores holds " + array.size() + " scores; the limit is " + MAX_SCORES);
        }
        final List<ScoreRequest> out = new ArrayList<>(array.size());
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            final JsonElement e = array.get(i);
            final String where = "request.scores[" + i + "]";
            if (!e.isJsonObject()) {
                throw Violation.of(Rule.INVALID_FIELD, where + " must be a JSON object");
            }
            final ScoreRequest r = ScoreRequest.of(e.getAsJsonObject(), where);
            if (!seen.add(r.updateId())) {
                throw Violation.of(Rule.DUPLICATE_IN_BATCH, "update " + r.updateId() + " is scored twice in request.scores; one score per update");
            }
            out.add(r);
        }
        out.sort(Comparator.comparing(ScoreRequest::updateId));
        return out;
    }
}

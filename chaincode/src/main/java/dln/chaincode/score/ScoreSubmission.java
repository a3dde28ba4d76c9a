package dln.chaincode.score;

import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Combine;
import dln.api.ContributionRule;
import dln.chaincode.model.Member;
import dln.api.Mode;
import dln.chaincode.model.Model;
import dln.api.ModelStatus;
import dln.chaincode.model.Models;
import dln.chaincode.reputation.ReputationBook;
import dln.chaincode.reputation.ReputationEntry;
import dln.chaincode.reputation.Track;
import dln.chaincode.reputation.TrackCounter;
import dln.chaincode.round.Round;
import dln.chaincode.round.RoundClosing;
import dln.api.RoundStatus;
import dln.chaincode.round.Rounds;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import dln.chaincode.update.Update;
import dln.chaincode.update.UpdateIndex;
import dln.api.UpdateStatus;
import dln.api.UnavailablePolicy;
import dln.chaincode.update.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SubmitScore. The score that brings the quorum decides the update in the same transaction, and
 * may complete (close) its federated round. Before the quorum it reads only the update's own score
 * range, so members scoring different updates never conflict.
 */
public final class ScoreSubmission {

    private static final Comparator<Score> BY_MEMBER = Comparator
            .comparing((Score s) -> s.member().mspId()).thenComparing(s -> s.member().x509Id());

    private ScoreSubmission() {
    }

    public static ScoreResult submit(final Ledger ledger, final String requestJson) {
        final ScoreRequest req = ScoreRequest.parse(requestJson);
        final Update update = Updates.load(ledger, req.updateId());
        final Model model = Models.load(ledger, update.modelId());
        final Planned planned = plan(ledger, model, update, req, java.util.Map.of());
        Update after = planned.after();
        RoundClosing closing = null;
        if ((planned.deciding() || planned.stranded()) && model.mode() == Mode.FEDERATED) {
            final Round round = Rounds.load(ledger, model, update.round());
            if (round.status() != RoundStatus.CLOSED && RoundClosing.completes(ledger, model, round, update, planned.deciding())) {
                // A stranded update is still pending: the closing expires it with the others.
                closing = RoundClosing.plan(ledger, model, round, "quorum", planned.deciding() ? after : null);
                if (planned.stranded()) {
                    after = update.decided(UpdateStatus.EXPIRED, null, ledger.now().toString());
                }
            }
        }
        final Changes changes = new Changes();
        write(ledger, planned, changes, new TrackCounter());
        if (closing != null) {
            closing.apply(ledger, changes);
        }
        changes.emit(ledger);
        return new ScoreResult(planned.score(), after);
    }

    /**
     * One score read and decided, nothing written yet. {@code after} is the update after the score
     * (decided when {@code deciding}); {@code reputation} the entries its decision records and
     * {@code track} the submitter's committed track its decision counts into (null when not deciding).
     */
    record Planned(Model model, Update update, Score score, List<Score> available, int counted, boolean deciding, boolean stranded,
                   Update after, List<Recorded> reputation, Track track) {
    }

    /** A reputation entry and whose history it joins. */
    record Recorded(Identity who, ReputationEntry entry) {
    }

    /**
     * Checks one score of the caller's and takes its decision from the scores on the ledger plus
     * this one. {@code unwritten}: reputation entries of decisions taken earlier in the same
     * transaction, by member, which the ledger cannot show it yet.
     */
    static Planned plan(final Ledger ledger, final Model model, final Update update, final ScoreRequest req,
                        final java.util.Map<Identity, List<ReputationEntry>> unwritten) {
        final Identity caller = ledger.caller();
        checkScorer(ledger, model, update, caller, req);
        final Score score = new Score(update.id(), caller, req.value(), req.samples(), ledger.now().toString(), req.reason(), req.unavailable(),
                req.contribution(), req.contributionSe(), req.contributionCosine(), req.contributionStepRatio(),
                req.contributionCopies(), req.contributionBestClass(), req.contributionStepSpread(), req.contributionAloneBestClass(),
                req.contributionAloneHarmed(), req.contributionTrend(), req.contributionShift());
        final List<Score> all = new ArrayList<>(ledger.records(Key.of(Keys.SCORE, update.id()), Score.class, model.committee().size()));
        all.add(score);
        all.sort(BY_MEMBER);
        final List<Score> available = all.stream().filter(s -> !s.unavailable()).toList();
        // Abstain: only available scores make the quorum. Reject: every score does.
        final int counted = model.acceptance().unavailable() == UnavailablePolicy.REJECT ? all.size() : available.size();
        final boolean deciding = counted >= model.acceptance().quorum();
        final Update after = deciding ? decide(ledger, model, update, available, unwritten) : update;
        final boolean stranded = !deciding && Stranded.is(model, update, all);
        return new Planned(model, update, score, available, counted, deciding, stranded, after,
                deciding ? reputation(model, after, available) : List.of(),
                deciding ? TrackCounter.committed(ledger, model.id(), update.submitter()) : null);
    }

    /**
     * The planned score's writes and changes: the score, and the decision when it brought the quorum
     * (counted into the submitter's track by {@code tracks}, the transaction's one counter).
     */
    static void write(final Ledger ledger, final Planned p, final Changes changes, final TrackCounter tracks) {
        final Model model = p.model();
        final Update update = p.update();
        final Score score = p.score();
        ledger.put(Keys.score(update.id(), score.member()), score);
        ledger.index(Keys.scoreByMember(score.member(), update.id()), update.id());
        changes.add(EventName.UpdateScored, "modelId", model.id(), "updateId", update.id(),
                "member", score.member(), "value", score.value(), "unavailable", score.unavailable(), "scores", p.counted(),
                "quorum", model.acceptance().quorum());
        if (p.deciding()) {
            final Update after = p.after();
            UpdateIndex.transition(ledger, update, after);
            if (after.status() == UpdateStatus.ACCEPTED) {
                UpdateIndex.accepted(ledger, model.metric(), after);
            }
            for (final Recorded r : p.reputation()) {
                ReputationBook.record(ledger, r.who(), r.entry());
            }
            tracks.count(ledger, model.id(), after.submitter(), p.track(), after.status() == UpdateStatus.ACCEPTED);
            changes.add(after.status() == UpdateStatus.ACCEPTED ? EventName.UpdateAccepted : EventName.UpdateRejected,
                    "modelId", model.id(), "updateId", after.id(), "round", after.round(), "score", after.score(),
                    "submitter", after.submitter(), "weightsCid", after.weightsCid(), "unavailable", p.available().isEmpty());
        }
    }

    static Member checkScorer(final Ledger ledger, final Model model, final Update update, final Identity caller,
                                      final ScoreRequest req) {
        if (model.publisher().equals(caller)) {
            throw Violation.of(Rule.PUBLISHER_CANNOT_SCORE, "the publisher of model " + model.id() + " cannot score its updates");
        }
        final Member member = model.member(caller).orElseThrow(() -> Violation.of(Rule.NOT_COMMITTEE_MEMBER, 
                "only the committee of model " + model.id() + " scores its updates"));
        if (update.submitter().equals(caller)) {
            throw Violation.of(Rule.SELF_SCORING, "you submitted update " + update.id() + "; another member must score it");
        }
        if (model.status() != ModelStatus.OPEN) {
            throw Violation.of(Rule.MODEL_NOT_OPEN, "model " + model.id() + " is " + model.status().wire() + "; scores need an open model");
        }
        if (update.status() != UpdateStatus.PENDING) {
            throw Violation.of(Rule.UPDATE_NOT_PENDING, "update " + update.id() + " is already " + update.status().wire() + "; decisions are final");
        }
        if (ledger.readText(Keys.score(update.id(), caller)).isPresent()) {
            throw Violation.of(Rule.DUPLICATE_SCORE, "you already scored update " + update.id());
        }
        if (!req.unavailable() && (req.value() < model.metric().min() || req.value() > model.metric().max())) {
            throw Violation.of(Rule.SCORE_OUT_OF_RANGE, "a " + model.metric().name().toLowerCase(java.util.Locale.ROOT) + " score must be in ["
                    + model.metric().min() + ", " + model.metric().max() + "], got " + req.value());
        }
        if (req.samples() > member.fragment().samples()) {
            throw Violation.of(Rule.INVALID_FIELD, "score.samples (" + req.samples() + ") exceeds your fragment's " + member.fragment().samples() + " samples");
        }
        if (model.acceptance().byContribution()) {
            // A failed sanity check (a score with its reason) measured no contribution: the rule counts it as the strongest "worse".
            if (!req.unavailable() && req.contribution() == null && req.reason() == null) {
                throw Violation.of(Rule.CONTRIBUTION_REQUIRED, "model " + model.id() + " decides by contribution: send score.contribution"
                        + " and score.contributionSe (the paired loss decrease on your fragment and its standard error),"
                        + " or score.reason when a sanity check failed");
            }
            if (model.mode() == Mode.FEDERATED && Rounds.load(ledger, model, update.round()).status() != RoundStatus.SCORING) {
                // Scoring before the set is fixed would measure against whatever had arrived.
                throw Violation.of(Rule.SCORING_NOT_STARTED, "round " + update.round() + " of model " + model.id()
                        + " still takes submissions; score once round:StartScoring has fixed its set");
            }
        }
        return member;
    }

    /**
     * The decision at the quorum. With no available score at all (possible only under "reject")
     * no member could fetch the weights: rejected, with no combined score. Otherwise the available
     * scores alone are combined: an unavailable one says nothing about the update's quality.
     */
    private static Update decide(final Ledger ledger, final Model model, final Update update, final List<Score> available,
                                 final java.util.Map<Identity, List<ReputationEntry>> unwritten) {
        if (available.isEmpty()) {
            return update.decided(UpdateStatus.REJECTED, null, ledger.now().toString());
        }
        final Quorum quorum = Quorum.of(ledger, model, available, unwritten);
        final double combined = quorum.combine(available.stream().mapToDouble(Score::value).toArray());
        final double[] contributions = available.stream().filter(s -> s.contribution() != null).mapToDouble(Score::contribution).toArray();
        final Double contribution = contributions.length == 0 ? null : ScoreCombiner.median(contributions);
        final boolean accepted;
        if (model.acceptance().byContribution()) {
            // Each score read into its evidence once (one mapping), each count combined over the quorum.
            final List<ContributionRule.Evidence> evidence = available.stream().map(ScoreEvidence::of).toList();
            accepted = ContributionRule.accepts(new ContributionRule.Evidence(
                    quorum.combine(evidence, ContributionRule.Evidence::t),
                    quorum.combineDirection(evidence, ContributionRule.Evidence::alignment),
                    quorum.combine(evidence, ContributionRule.Evidence::stepRatio),
                    quorum.combine(evidence, ContributionRule.Evidence::copied),
                    quorum.combine(evidence, ContributionRule.Evidence::bestClass),
                    quorum.combine(evidence, ContributionRule.Evidence::stepSpread),
                    quorum.combine(evidence, ContributionRule.Evidence::aloneBestClass),
                    quorum.combine(evidence, ContributionRule.Evidence::aloneHarmed),
                    quorum.combineDirection(evidence, ContributionRule.Evidence::trend),
                    quorum.combine(evidence, ContributionRule.Evidence::shift)),
                    model.acceptance().tolerance());
        } else {
            accepted = model.metric().clears(combined, model.acceptance().threshold());
        }
        return update.decided(accepted ? UpdateStatus.ACCEPTED : UpdateStatus.REJECTED, combined, contribution, ledger.now().toString());
    }

    /** The member's own verdict: what its score alone would have decided. */
    private static boolean wouldAccept(final Model model, final Score s) {
        return model.acceptance().byContribution()
                ? ContributionRule.accepts(ScoreEvidence.of(s), model.acceptance().tolerance())
                : model.metric().clears(s.value(), model.acceptance().threshold());
    }

    /**
     * The quorum's combination of one count over its scores: the median, or the mean weighted by
     * each scorer's reputation, read from the ledger once per decision rather than once per count.
     */
    private record Quorum(Combine combine, double[] weights) {

        static Quorum of(final Ledger ledger, final Model model, final List<Score> scores,
                         final java.util.Map<Identity, List<ReputationEntry>> unwritten) {
            final Combine combine = model.acceptance().combine();
            return new Quorum(combine, combine == Combine.MEDIAN ? null : scores.stream()
                    .mapToDouble(s -> ReputationBook.weight(ledger, s.member(), unwritten.getOrDefault(s.member(), List.of()))).toArray());
        }

        /** {@code values}, one per score in the quorum's order, combined. */
        double combine(final double[] values) {
            return combine == Combine.MEDIAN ? ScoreCombiner.median(values) : ScoreCombiner.weightedMean(values, weights);
        }

        /** One count of each score's evidence, combined. */
        double combine(final List<ContributionRule.Evidence> evidence, final java.util.function.ToDoubleFunction<ContributionRule.Evidence> count) {
            return combine(evidence.stream().mapToDouble(count).toArray());
        }

        /**
         * A cosine combined over the members that measured one: a member that measured none
         * ({@link ContributionRule#NO_DIRECTION}: every update of the set harmed on its fragment, so
         * there were no helpful ones to measure against) does not vote on the direction. Its sentinel
         * would otherwise pull the combination down: with a quorum of two the median is the mean, and
         * -2 beside a cosine of 0.04 made -0.98, "clearly against", which held an honest long step of t
         * 0.04 to clear help (4 providers, quantity 0.5, seed 7, round 10, 2026-12-06). No direction
         * when no member measured one.
         */
        double combineDirection(final List<ContributionRule.Evidence> evidence,
                                final java.util.function.ToDoubleFunction<ContributionRule.Evidence> cosine) {
            final int[] measured = java.util.stream.IntStream.range(0, evidence.size())
                    .filter(i -> cosine.applyAsDouble(evidence.get(i)) >= -1).toArray();
            if (measured.length == 0) {
                return ContributionRule.NO_DIRECTION;
            }
            // The measuring members' own quorum: their values with their weights.
            final Quorum measuring = new Quorum(combine, weights == null ? null
                    : java.util.Arrays.stream(measured).mapToDouble(i -> weights[i]).toArray());
            return measuring.combine(java.util.Arrays.stream(measured).mapToDouble(i -> cosine.applyAsDouble(evidence.get(i))).toArray());
        }
    }

    /** The entries a decision records: the submitter's outcome, and each scorer's agreement with it. */
    private static List<Recorded> reputation(final Model model, final Update decided, final List<Score> scores) {
        final boolean accepted = decided.status() == UpdateStatus.ACCEPTED;
        final String outcome = decided.status().wire();
        final List<Recorded> out = new ArrayList<>();
        out.add(new Recorded(decided.submitter(), new ReputationEntry(decided.id(), model.id(), ReputationEntry.SUBMITTER, outcome, null,
                decided.decidedAt(), decided.contribution(), scores.stream().anyMatch(s -> s.reason() != null))));
        for (final Score s : scores) {
            final boolean agreed = wouldAccept(model, s) == accepted;
            out.add(new Recorded(s.member(), new ReputationEntry(decided.id(), model.id(), ReputationEntry.SCORER, outcome, agreed,
                    decided.decidedAt(), null, false)));
        }
        return out;
    }
}

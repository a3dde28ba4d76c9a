package dln.chaincode.update;

import dln.api.UpdateStatus;
import dln.chaincode.cid.Cid;
import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Mode;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.round.Round;
import dln.chaincode.round.RoundActions;
import dln.chaincode.round.Rounds;
import dln.api.Rule;
import dln.chaincode.rule.Violation;

/**
 * SubmitUpdate. Reads only keys no concurrent SubmitUpdate writes (model, round, parents, the
 * provider's and the CID's own keys), so updates from different providers never conflict; the
 * exception is a submission asking to start its round's scoring ({@code update.startScoring}),
 * which reads the round's submissions ({@link RoundActions#setCompletedBy}).
 */
public final class UpdateSubmission {

    private UpdateSubmission() {
    }

    public static Update submit(final Ledger ledger, final String requestJson) {
        final UpdateRequest req = UpdateRequest.parse(requestJson);
        final String normalCid = Cid.normalize(req.weightsCid(), "update.weightsCid");
        final Identity caller = ledger.caller();
        final Model model = Models.load(ledger, req.modelId());
        if (model.publisher().equals(caller)) {
            // The publisher chose the committee that would judge its updates.
            throw Violation.of(Rule.PUBLISHER_CANNOT_SUBMIT, "the publisher of model " + model.id()
                    + " does not train it; submit updates as a provider identity");
        }
        if (model.securelyAggregated()) {
            throw Violation.of(Rule.SECURE_AGGREGATION_REQUIRED, "model " + model.id() + " aggregates masked updates: take part through"
                    + " secagg:AdvertiseMaskKey, ShareSecrets, SubmitMasked and RevealShares (docs/privacy.md)");
        }
        Models.requireOpen(model);
        if (!req.recipeHash().equals(model.recipeHash())) {
            throw Violation.of(Rule.RECIPE_MISMATCH, "update.recipeHash " + req.recipeHash() + " is not model " + model.id()
                    + "'s training recipe " + model.recipeHash() + "; train with the recipe on the ledger (model.recipe) and name its hash");
        }
        ParentCheck.verify(ledger, model, req.parents());
        final Round round;
        if (model.mode() == Mode.FEDERATED) {
            round = checkRound(ledger, model, req, caller);
        } else {
            round = null;
            checkGossip(model, req);
        }
        if (ledger.readText(Keys.weights(model.id(), normalCid)).isPresent()
                || Cid.normalize(model.initialWeightsCid(), "initialWeightsCid").equals(normalCid)) {
            throw Violation.of(Rule.WEIGHTS_ALREADY_RECORDED, "weights " + req.weightsCid() + " are already recorded for model " + model.id()
                    + "; submit weights you trained");
        }
        if (model.member(caller).isPresent() && model.acceptance().quorum() > model.committee().size() - 1) {
            throw Violation.of(Rule.QUORUM_UNREACHABLE, "you are a committee member and cannot score your own update, so the other "
                    + (model.committee().size() - 1) + " members cannot reach the quorum of " + model.acceptance().quorum());
        }
        final PrivacyAccounting.Checked privacy = PrivacyAccounting.check(ledger, model, req.privacy(), caller);
        // Read before anything is written (Fabric hides a transaction's own writes from its reads).
        final java.util.Optional<java.util.List<String>> completed = req.startScoring()
                ? RoundActions.setCompletedBy(ledger, model, round, Ids.update(ledger.txId()))
                : java.util.Optional.empty();
        final Update update = new Update(Ids.update(ledger.txId()), model.id(), caller, req.weightsCid(), req.parents(),
                req.round(), req.samples(), req.trainingMillis(), UpdateStatus.PENDING, null, ledger.now().toString(), null, null,
                privacy == null ? null : privacy.record(), req.recipeHash(), req.transfers(),
                dln.chaincode.reputation.TrackCounter.committed(ledger, model.id(), caller));
        UpdateIndex.create(ledger, update, normalCid);
        if (privacy != null) {
            ledger.put(Keys.privacySpend(model.id(), caller), privacy.spend());
        }
        final Changes changes = new Changes().add(EventName.UpdateSubmitted, "modelId", model.id(), "updateId", update.id(),
                "round", update.round(), "submitter", caller, "weightsCid", update.weightsCid(), "parents", update.parents());
        completed.ifPresent(set -> RoundActions.fixSet(ledger, model, round, set, changes));
        changes.emit(ledger);
        return update;
    }

    private static Round checkRound(final Ledger ledger, final Model model, final UpdateRequest req, final Identity caller) {
        if (req.round() == 0) {
            throw Violation.of(Rule.MISSING_FIELD, "update.round is required for federated model " + model.id()
                    + "; its current round is " + model.currentRound());
        }
        if (req.round() != model.currentRound()) {
            throw Violation.of(Rule.WRONG_ROUND, "model " + model.id() + " is in round " + model.currentRound() + ", not " + req.round()
                    + "; fetch the round and train from its parents");
        }
        final Round round = Rounds.load(ledger, model, req.round());
        dln.chaincode.round.RoundTurns.requireOpenTo(ledger, model, round, caller);
        if (!req.parents().equals(round.parents())) {
            throw Violation.of(Rule.PARENTS_NOT_ROUND_SET, "round " + round.number() + " updates must name exactly the parents " + round.parents());
        }
        return round;
    }

    private static void checkGossip(final Model model, final UpdateRequest req) {
        if (req.round() != 0) {
            throw Violation.of(Rule.INVALID_FIELD, "update.round must be absent: model " + model.id() + " learns by gossip");
        }
        if (req.startScoring()) {
            throw Violation.of(Rule.INVALID_FIELD, "update.startScoring must be absent: model " + model.id() + " learns by gossip and has no rounds");
        }
        if (req.parents().size() > model.gossip().maxParents()) {
            throw Violation.of(Rule.TOO_MANY_PARENTS, "model " + model.id() + " allows at most " + model.gossip().maxParents()
                    + " parents, got " + req.parents().size());
        }
    }
}

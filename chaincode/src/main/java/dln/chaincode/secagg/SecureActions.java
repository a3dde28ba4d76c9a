package dln.chaincode.secagg;

import dln.api.EventName;
import dln.api.ModelStatus;
import dln.api.RoundStatus;
import dln.api.Rule;
import dln.api.SecurePhase;
import dln.api.UpdateStatus;
import dln.chaincode.cid.Cid;
import dln.chaincode.event.Changes;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.Models;
import dln.chaincode.round.Round;
import dln.chaincode.round.RoundParticipants;
import dln.chaincode.round.Rounds;
import dln.chaincode.rule.Violation;
import dln.chaincode.update.Update;
import dln.chaincode.update.UpdateIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The secagg transactions: a round's key agreement, shares, masked updates, reveals and the
 * recovered aggregate (docs/privacy.md, docs/ledger.md). Each parses its arguments, loads the
 * model and round, checks the caller's role, then the round's step, and writes only after every
 * check. A provider writes only its own party key and the round's step record.
 */
public final class SecureActions {
    /**
     * The submitter recorded on a round's aggregate: no provider (none may be credited or blamed
     * for the others' work, and every committee member may score it). An MSP id no organisation
     * can hold, since MSP ids are ledger configuration, not certificates.
     */
    public static final Identity AGGREGATE = new Identity("dln", "secure-aggregate");

    private SecureActions() {
    }

    private record Context(Model model, Round round, SecureRound secure, Identity caller) {}

    /** Model, round and the round's steps; refuses models without secure aggregation. */
    private static Context load(final Ledger ledger, final String modelId, final int number) {
        final Model model = Models.load(ledger, modelId);
        if (!model.securelyAggregated()) {
            throw Violation.of(Rule.NOT_SECURE_AGGREGATION, "model " + modelId + " scores its updates one by one; submit with update:SubmitUpdate");
        }
        final Round round = Rounds.load(ledger, model, number);
        final SecureRound secure = ledger.read(Keys.secureRound(modelId, number), SecureRound.class)
                .orElse(SecureRound.fresh(modelId, number, model.secureAggregation().threshold()));
        return new Context(model, round, secure, ledger.caller());
    }

    /** The round still takes contributions: model open, current round, open, before its deadline. */
    private static void requireTakingPart(final Ledger ledger, final Context c) {
        Models.requireOpen(c.model());
        if (c.round().number() != c.model().currentRound()) {
            throw Violation.of(Rule.WRONG_ROUND, "model " + c.model().id() + " is in round " + c.model().currentRound() + ", not " + c.round().number());
        }
        if (c.round().status() != RoundStatus.OPEN) {
            throw Violation.of(Rule.ROUND_CLOSED, "round " + c.round().number() + " is closed");
        }
        if (c.round().deadlinePassed(ledger.now())) {
            throw Violation.of(Rule.ROUND_DEADLINE_PASSED, "round " + c.round().number() + " ended at " + c.round().deadline()
                    + "; call secagg:AdvanceSecureRound or round:CloseRound");
        }
    }

    private static void requirePhase(final Context c, final SecurePhase expected) {
        if (c.secure().phase() != expected) {
            throw Violation.of(Rule.SECAGG_WRONG_PHASE, "round " + c.round().number() + " of model " + c.model().id() + " is at step "
                    + c.secure().phase().wire() + ", not " + expected.wire());
        }
    }

    private static void requireIn(final Context c, final SecurePhase p) {
        if (!c.secure().eligible(p).contains(c.caller())) {
            throw Violation.of(Rule.SECAGG_NOT_IN_SET, "you are not among the " + c.secure().eligible(p).size()
                    + " providers that may act at step " + p.wire() + " of round " + c.round().number());
        }
        if (c.secure().setOf(p).contains(c.caller())) {
            throw Violation.of(Rule.SECAGG_ALREADY_DONE, "you already did step " + p.wire() + " of round " + c.round().number());
        }
    }

    private static SecureParty party(final Ledger ledger, final Context c, final Identity who) {
        return ledger.read(Keys.secureParty(c.model().id(), c.round().number(), who), SecureParty.class)
                .orElseThrow(() -> new IllegalStateException("a provider of the key set has no party record: " + who));
    }

    /** Writes the step, moving to {@code next} when {@code complete}, and emits one event. */
    private static SecureRound step(final Ledger ledger, final Context c, final SecurePhase step, final SecureParty party,
                                    final boolean complete, final SecurePhase next) {
        final SecureRound grown = c.secure().with(step, c.caller());
        final SecureRound after = complete ? grown.in(next) : grown;
        ledger.put(Keys.secureParty(c.model().id(), c.round().number(), c.caller()), party);
        ledger.put(Keys.secureRound(c.model().id(), c.round().number()), after);
        final Changes changes = new Changes().add(EventName.SecureRoundStep, "modelId", c.model().id(), "round", c.round().number(),
                "step", step.wire(), "by", c.caller());
        if (after.phase() != c.secure().phase()) {
            changes.add(EventName.SecurePhaseChanged, "modelId", c.model().id(), "round", c.round().number(), "phase", after.phase().wire());
        }
        changes.emit(ledger);
        return after;
    }

    /** AdvertiseMaskKey: joins the key set; the set is fixed (step shares) once it holds rounds.minUpdates providers. */
    public static SecureRound advertise(final Ledger ledger, final String modelId, final String roundText, final String maskKeyText) {
        final int number = Rounds.parse(roundText);
        final String maskKey = SecureRequests.maskKey(maskKeyText);
        final Context c = load(ledger, modelId, number);
        if (c.model().publisher().equals(c.caller())) {
            throw Violation.of(Rule.PUBLISHER_CANNOT_SUBMIT, "the publisher of model " + modelId + " does not train it");
        }
        if (c.model().member(c.caller()).isPresent()) {
            throw Violation.of(Rule.COMMITTEE_CANNOT_SUBMIT, "committee members score the aggregate of model " + modelId
                    + "'s rounds, so they do not contribute to it");
        }
        requireTakingPart(ledger, c);
        requirePhase(c, SecurePhase.KEYS);
        if (c.secure().keys().contains(c.caller())) {
            throw Violation.of(Rule.SECAGG_ALREADY_DONE, "you already advertised a mask key in round " + number);
        }
        final SecureParty party = new SecureParty(c.caller(), maskKey, ledger.callerCertificatePem(), List.of(), null, 0, 0, List.of(), null, List.of());
        return step(ledger, c, SecurePhase.KEYS, party, c.secure().keys().size() + 1 >= c.model().rounds().minUpdates(), SecurePhase.SHARES);
    }

    /**
     * ShareSecrets: one envelope per key-set provider, in key-set order, each with its commitment;
     * the masking step starts when every one shared.
     */
    public static SecureRound share(final Ledger ledger, final String modelId, final String roundText, final String requestJson) {
        final int number = Rounds.parse(roundText);
        final SecureRequests.Shares request = SecureRequests.envelopes(requestJson);
        final List<String> envelopes = request.envelopes();
        final Context c = load(ledger, modelId, number);
        requireIn(c, SecurePhase.SHARES);
        requireTakingPart(ledger, c);
        requirePhase(c, SecurePhase.SHARES);
        if (envelopes.size() != c.secure().keys().size()) {
            throw Violation.of(Rule.SECAGG_SHARE_COUNT, "round " + number + " has " + c.secure().keys().size()
                    + " providers in its key set; post one envelope for each, in key-set order, got " + envelopes.size());
        }
        final SecureParty party = party(ledger, c, c.caller()).withShares(envelopes, request.commitments());
        return step(ledger, c, SecurePhase.SHARES, party, c.secure().shared().size() + 1 == c.secure().keys().size(), SecurePhase.MASKING);
    }

    /** SubmitMasked: the provider's masked update; the unmasking step starts when every one that shared sent one. */
    public static SecureRound submitMasked(final Ledger ledger, final String modelId, final String roundText, final String requestJson) {
        final int number = Rounds.parse(roundText);
        final SecureRequests.Masked m = SecureRequests.masked(requestJson);
        final Context c = load(ledger, modelId, number);
        requireIn(c, SecurePhase.MASKING);
        requireTakingPart(ledger, c);
        requirePhase(c, SecurePhase.MASKING);
        if (!m.recipeHash().equals(c.model().recipeHash())) {
            throw Violation.of(Rule.RECIPE_MISMATCH, "masked.recipeHash " + m.recipeHash() + " is not model " + modelId + "'s training recipe "
                    + c.model().recipeHash() + "; train with the recipe on the ledger (model.recipe) and name its hash");
        }
        // DP noise was added before masking: the run is accounted here as SubmitUpdate accounts it.
        final dln.chaincode.update.PrivacyAccounting.Checked privacy = dln.chaincode.update.PrivacyAccounting.check(ledger, c.model(),
                m.privacy(), c.caller());
        final SecureParty party = party(ledger, c, c.caller()).withMasked(m.cid(), m.samples(), m.trainingMillis(),
                privacy == null ? null : privacy.record());
        if (privacy != null) {
            ledger.put(Keys.privacySpend(c.model().id(), c.caller()), privacy.spend());
        }
        return step(ledger, c, SecurePhase.MASKING, party, c.secure().masked().size() + 1 == c.secure().shared().size(),
                SecurePhase.UNMASKING);
    }

    /**
     * RevealShares: a survivor reveals, for every provider that shared (in that order), its share
     * of the self seed if that provider sent a masked update and of its mask key if not. Each share
     * must match what its sender committed to for this survivor (SECAGG_SHARE_INVALID otherwise,
     * naming the survivor: it cannot reveal what it was not given). An empty share reports that
     * provider's share to this survivor as invalid (its envelope did not open, or opened to a share
     * that does not match the commitment): recorded on the round, naming the sender, and recovery
     * goes on with the other shares. Allowed after the deadline: it adds no data to the round.
     */
    public static SecureRound reveal(final Ledger ledger, final String modelId, final String roundText, final String requestJson) {
        final int number = Rounds.parse(roundText);
        final List<String> shares = SecureRequests.revealed(requestJson);
        final Context c = load(ledger, modelId, number);
        requireIn(c, SecurePhase.UNMASKING);
        Models.requireOpen(c.model());
        requirePhase(c, SecurePhase.UNMASKING);
        if (shares.size() != c.secure().shared().size()) {
            throw Violation.of(Rule.SECAGG_SHARE_COUNT, "reveal one share for each of the " + c.secure().shared().size()
                    + " providers that shared, in that order; got " + shares.size());
        }
        final int own = c.secure().keys().indexOf(c.caller());
        final List<InvalidShare> reported = new ArrayList<>();
        for (int pos = 0; pos < shares.size(); pos++) {
            final Identity sender = c.secure().shared().get(pos);
            if (shares.get(pos).isEmpty()) {
                reported.add(new InvalidShare(Rule.SECAGG_SHARE_INVALID.name(), sender, c.caller()));
                continue;
            }
            final boolean selfSeed = c.secure().masked().contains(sender);
            final List<String> commitments = party(ledger, c, sender).commitments();
            if (commitments.size() <= own) {
                continue; // shared before commitments existed (a round that spans a chaincode upgrade): nothing to check against
            }
            final String committed = commitments.get(own);
            final String expected = selfSeed ? committed.substring(64) : committed.substring(0, 64);
            if (!expected.equals(ShareDigest.of(shares.get(pos)))) {
                throw Violation.of(Rule.SECAGG_SHARE_INVALID, "your share of " + sender + "'s " + (selfSeed ? "self seed" : "mask key")
                        + " (position " + pos + ") is not the one it committed to for you; reveal the share its envelope holds,"
                        + " or an empty string if it does not open or does not match");
            }
        }
        final SecureParty party = party(ledger, c, c.caller()).withRevealed(shares);
        final Context reporting = reported.isEmpty() ? c : new Context(c.model(), c.round(), c.secure().reported(reported), c.caller());
        return step(ledger, reporting, SecurePhase.UNMASKING, party, false, SecurePhase.UNMASKING);
    }

    /**
     * Every provider that shared still has {@code threshold} valid revealed shares: a sender with
     * fewer, once its invalid shares are set aside, cannot be recovered, and is named.
     */
    private static void requireRecoverable(final Ledger ledger, final Context c) {
        final List<SecureParty> revealers = new ArrayList<>();
        for (final Identity who : c.secure().revealed()) {
            revealers.add(party(ledger, c, who));
        }
        for (int pos = 0; pos < c.secure().shared().size(); pos++) {
            final int at = pos;
            final long valid = revealers.stream().filter(p -> !p.revealed().get(at).isEmpty()).count();
            if (valid < c.secure().threshold()) {
                final Identity sender = c.secure().shared().get(pos);
                throw Violation.of(Rule.SECAGG_SHARE_INVALID, sender + " dealt invalid shares: " + valid + " of its revealed shares are"
                        + " valid, recovering it takes " + c.secure().threshold() + " (reported by "
                        + c.secure().invalidShares().stream().filter(i -> i.sender().equals(sender)).map(i -> i.reporter().toString()).toList()
                        + ")");
            }
        }
    }

    /**
     * AdvanceSecureRound: ends the current step without the providers that did not act, when at
     * least the threshold did. The publisher may at any time; any other participant of the round
     * (committee, key-set providers) after its deadline, so the dropped cannot hold it.
     */
    public static SecureRound advance(final Ledger ledger, final String modelId, final String roundText) {
        final int number = Rounds.parse(roundText);
        final Context c = load(ledger, modelId, number);
        final boolean publisher = c.model().publisher().equals(c.caller());
        if (!publisher) {
            RoundParticipants.require(ledger, c.model(), number, c.caller(), "advance its secure aggregation");
        }
        Models.requireOpen(c.model());
        if (c.round().status() != RoundStatus.OPEN) {
            throw Violation.of(Rule.ROUND_CLOSED, "round " + number + " is closed");
        }
        if (!publisher && !c.round().deadlinePassed(ledger.now())) {
            throw Violation.of(Rule.ROUND_DEADLINE_NOT_REACHED, "round " + number + " ends at " + c.round().deadline()
                    + "; before that only the publisher may move its secure aggregation on");
        }
        final SecurePhase phase = c.secure().phase();
        if (phase == SecurePhase.UNMASKING || phase == SecurePhase.AGGREGATED) {
            throw Violation.of(Rule.SECAGG_WRONG_PHASE, "round " + number + " is at step " + phase.wire()
                    + ": record its aggregate once enough survivors revealed their shares");
        }
        final int done = c.secure().setOf(phase).size();
        if (done < c.secure().threshold()) {
            throw Violation.of(Rule.SECAGG_BELOW_THRESHOLD, done + " providers completed step " + phase.wire() + " of round " + number
                    + "; the model's threshold is " + c.secure().threshold() + ": wait, or close the round after its deadline");
        }
        final SecurePhase next = SecurePhase.values()[phase.ordinal() + 1];
        final SecureRound after = c.secure().in(next);
        ledger.put(Keys.secureRound(modelId, number), after);
        new Changes().add(EventName.SecurePhaseChanged, "modelId", modelId, "round", number, "phase", next.wire(), "by", c.caller())
                .emit(ledger);
        return after;
    }

    /**
     * RecordSecureAggregate: once at least the threshold of survivors revealed their shares, any
     * participant records the weights it recovered as its vote; when {@code threshold} participants
     * voted for the same weights (recovery is deterministic, so honest ones agree to the bit), those
     * become the round's one update, submitted by {@link #AGGREGATE}; the committee scores it like
     * any update, and its decision closes the round. A forged aggregate thus needs threshold - 1
     * colluders to become the update (as many as can unmask a provider anyway); alone, it stays a
     * vote on the ledger, naming its recorder, and the round ends with the honest aggregate. Its
     * samples and training time are the survivors' declared ones summed (so its rate is their mean
     * rate, which the committee's plausibility check reads). Voting again for the same weights
     * changes nothing; for other weights is SECAGG_ALREADY_DONE.
     */
    public static SecureRound recordAggregate(final Ledger ledger, final String modelId, final String roundText, final String requestJson) {
        final int number = Rounds.parse(roundText);
        final String cid = SecureRequests.aggregate(requestJson);
        final String normalCid = Cid.normalize(cid, "aggregate.weightsCid");
        final Context c = load(ledger, modelId, number);
        RoundParticipants.require(ledger, c.model(), number, c.caller(), "record its secure aggregate");
        if (c.model().status() != ModelStatus.OPEN) {
            throw Violation.of(Rule.MODEL_NOT_OPEN, "model " + modelId + " is " + c.model().status().wire());
        }
        if (c.round().status() != RoundStatus.OPEN) {
            throw Violation.of(Rule.ROUND_CLOSED, "round " + number + " is closed");
        }
        if (c.secure().phase() == SecurePhase.AGGREGATED) {
            throw Violation.of(Rule.AGGREGATE_ALREADY_RECORDED, "round " + number + " already recorded its aggregate as update "
                    + c.secure().aggregateUpdateId());
        }
        requirePhase(c, SecurePhase.UNMASKING);
        if (c.secure().revealed().size() < c.secure().threshold()) {
            throw Violation.of(Rule.SECAGG_BELOW_THRESHOLD, c.secure().revealed().size() + " survivors revealed their shares in round "
                    + number + "; recovering the aggregate takes " + c.secure().threshold());
        }
        requireRecoverable(ledger, c);
        if (ledger.readText(Keys.weights(modelId, normalCid)).isPresent()
                || Cid.normalize(c.model().initialWeightsCid(), "initialWeightsCid").equals(normalCid)) {
            throw Violation.of(Rule.WEIGHTS_ALREADY_RECORDED, "weights " + cid + " are already recorded for model " + modelId);
        }
        final AggregateVote mine = c.secure().voteOf(c.caller());
        if (mine != null) {
            if (mine.weightsCid().equals(normalCid)) {
                return c.secure();
            }
            throw Violation.of(Rule.SECAGG_ALREADY_DONE, "you recorded weights " + mine.weightsCid() + " for round " + number);
        }
        final SecureRound voted = c.secure().voted(new AggregateVote(c.caller(), normalCid));
        if (voted.votes().stream().filter(v -> v.weightsCid().equals(normalCid)).count() < c.secure().threshold()) {
            ledger.put(Keys.secureRound(modelId, number), voted);
            new Changes().add(EventName.SecureRoundStep, "modelId", modelId, "round", number, "step", "vote", "by", c.caller()).emit(ledger);
            return voted;
        }
        long samples = 0;
        long millis = 0;
        for (final Identity who : c.secure().masked()) {
            final SecureParty p = party(ledger, c, who);
            samples += p.samples();
            millis = Math.min(millis + p.trainingMillis(), 30L * 24 * 3600 * 1000);
        }
        final Update update = new Update(Ids.update(ledger.txId()), modelId, AGGREGATE, cid, c.round().parents(), number,
                Math.min(samples, 1_000_000_000L), millis, UpdateStatus.PENDING, null, ledger.now().toString(), null, null, null,
                c.model().recipeHash(), null, null);
        UpdateIndex.create(ledger, update, normalCid);
        final SecureRound after = voted.aggregated(update.id());
        ledger.put(Keys.secureRound(modelId, number), after);
        new Changes().add(EventName.UpdateSubmitted, "modelId", modelId, "updateId", update.id(), "round", number,
                        "submitter", AGGREGATE, "weightsCid", cid, "parents", update.parents())
                .add(EventName.SecurePhaseChanged, "modelId", modelId, "round", number, "phase", SecurePhase.AGGREGATED.wire(), "by", c.caller())
                .emit(ledger);
        return after;
    }

    /** query:GetSecureRound: the round's steps (fresh before the first key) and each key-set provider's part. */
    public static SecureRoundView view(final Ledger ledger, final String modelId, final String roundText) {
        final int number = Rounds.parse(roundText);
        final Context c = load(ledger, modelId, number);
        final List<SecureParty> parties = new ArrayList<>();
        for (final Identity who : c.secure().keys()) {
            parties.add(party(ledger, c, who));
        }
        return new SecureRoundView(c.secure(), parties);
    }
}

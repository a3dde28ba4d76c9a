package dln.core.secagg;

import dln.api.LedgerException;
import dln.api.ModelStatus;
import dln.api.Rule;
import dln.api.SecurePhase;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.SecureRoundView;
import dln.core.crypto.Pem;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A provider in securely aggregated rounds: each call of {@link #step} reads the round's step on
 * the ledger and does this provider's part of it, if any (train, then advertise its mask key;
 * share its secrets; submit its masked step; reveal the shares the survivors' unmasking needs;
 * record the aggregate). Its secrets are derived from its enrolment key, so a restarted provider
 * carries on where the ledger says it was; only the trained step is kept in memory (a restarted
 * provider trains again).
 */
public final class SecureProvider {

    /** What a step did. */
    public enum Progress {
        /** Did its part of the current step. */
        ACTED,
        /** Its part is done; others must act (or the publisher, or the deadline, must move the round on). */
        WAITING,
        /** The round's aggregate is recorded: the committee decides it. */
        AGGREGATED,
        /** Nothing to do: the model is not open, or this provider is not in the round's set. */
        IDLE
    }

    private final ProviderWorkflow workflow;
    private final PrivateKey enrolmentKey;
    private final SecureRandom random;
    private final Consumer<String> log;
    private final java.util.function.UnaryOperator<Dealt> dealing;
    private ProviderWorkflow.SecureStep trained;

    public SecureProvider(final ProviderWorkflow workflow, final PrivateKey enrolmentKey, final SecureRandom random, final Consumer<String> log) {
        this(workflow, enrolmentKey, random, log, java.util.function.UnaryOperator.identity());
    }

    /**
     * A provider whose dealt envelopes and commitments pass through {@code dealing} before they are
     * posted: identity for an honest provider; tests use it to play one that posts bad shares.
     */
    public SecureProvider(final ProviderWorkflow workflow, final PrivateKey enrolmentKey, final SecureRandom random, final Consumer<String> log,
                          final java.util.function.UnaryOperator<Dealt> dealing) {
        this.workflow = workflow;
        this.enrolmentKey = enrolmentKey;
        this.random = random;
        this.log = log;
        this.dealing = dealing;
    }

    /** The step this provider trained for its latest round, if any (what it masked). */
    public java.util.Optional<ProviderWorkflow.SecureStep> trained() {
        return java.util.Optional.ofNullable(trained);
    }

    /** Who this provider is and the ledger and store it reaches. */
    public Participant participant() {
        return workflow.participant();
    }

    private Participant me() {
        return workflow.participant();
    }

    /** Does this provider's part of the model's current round, if any. */
    public Progress step(final String modelId) {
        return step(me().ledger().getModel(modelId));
    }

    /** As {@link #step(String)} on the model as just read. */
    private Progress step(final ModelView model) {
        final String modelId = model.id();
        if (model.status() != ModelStatus.OPEN) {
            return Progress.IDLE;
        }
        if (!model.securelyAggregated()) {
            throw new IllegalArgumentException("model " + modelId + " scores its updates one by one: use ProviderWorkflow.federatedStep");
        }
        final int round = model.currentRound();
        final SecureRoundView view = me().ledger().getSecureRound(modelId, round);
        final SecureRoundView.Round r = view.round();
        final LedgerIdentity self = me().identity();
        final String context = MaskKeys.context(modelId, round);
        final MaskKeys keys = MaskKeys.derive(enrolmentKey, context);
        final int index = view.indexOf(self);
        return switch (r.phase()) {
            case KEYS -> {
                if (index >= 0) {
                    yield Progress.WAITING;
                }
                // Train before joining: a provider that joins and then trains for long is the likeliest to drop out.
                if (trainedFor(modelId, round) == null) {
                    yield Progress.IDLE;
                }
                yield attempt(() -> me().ledger().advertiseMaskKey(modelId, round, keys.publicKeyHex()), "round " + round + ": mask key advertised");
            }
            case SHARES -> {
                if (index < 0) {
                    yield Progress.IDLE;
                }
                if (r.shared().contains(self)) {
                    yield Progress.WAITING;
                }
                final Dealt dealt = deal(view, keys, index, context);
                yield attempt(() -> me().ledger().shareSecrets(modelId, round, dealt.envelopes(), dealt.commitments()),
                        "round " + round + ": shares posted to " + r.keys().size() + " providers");
            }
            case MASKING -> {
                if (!r.shared().contains(self)) {
                    yield Progress.IDLE;
                }
                if (r.masked().contains(self)) {
                    yield Progress.WAITING;
                }
                final ProviderWorkflow.SecureStep s = trainedFor(modelId, round);
                if (s == null) {
                    yield Progress.IDLE;
                }
                yield submitMasked(view, keys, index, context, s);
            }
            case UNMASKING -> {
                if (!r.masked().contains(self)) {
                    yield Progress.IDLE;
                }
                if (!r.revealed().contains(self)) {
                    final List<String> shares = reveal(view, index, context);
                    yield attempt(() -> me().ledger().revealShares(modelId, round, shares), "round " + round + ": shares revealed");
                }
                yield r.revealed().size() >= r.threshold() ? record(modelId, round, view, context) : Progress.WAITING;
            }
            case AGGREGATED -> Progress.AGGREGATED;
        };
    }

    /**
     * Takes part in round {@code round} of the model until its aggregate is recorded (or the round
     * moves on, or this provider is left out of its set), woken by the ledger's events. This
     * provider reads its own organisation's peer, which may not have the round yet when the caller
     * learnt of it from another peer (a block reaches peers a moment apart): it waits for the round
     * there. Taking a model still proposed, or a round before {@code round}, for one that ended made
     * the provider leave a round whose key set needed it, and the others waited out their patience
     * (the CI of 2026-12-05).
     *
     * @return AGGREGATED once the round's aggregate is recorded or a later round opened; IDLE when
     *     the model is closed or declined, or this provider is left out of the round's set
     * @throws dln.core.protocol.ProtocolException SECURE_ROUND_STALLED when nothing moved within {@code patience}
     */
    public Progress contributeOnce(final String modelId, final int round, final dln.api.LedgerEvents events,
            final java.time.Duration patience) throws InterruptedException {
        long giveUp = System.nanoTime() + patience.toNanos();
        while (true) {
            final long seen = events.generation();
            Progress p;
            try {
                final ModelView m = me().ledger().getModel(modelId);
                if (m.status() == ModelStatus.CLOSED || m.status() == ModelStatus.DECLINED) {
                    return Progress.IDLE;
                }
                final boolean reached = m.status() == ModelStatus.OPEN && m.currentRound() >= round;
                if (reached && m.currentRound() > round) {
                    return Progress.AGGREGATED;
                }
                p = reached ? step(m) : Progress.WAITING;
            } catch (LedgerException e) {
                // As a provider between federated steps does: an outage the transport's retries did not
                // outlast is waited out; every step is read again from the ledger, so none is done twice.
                if (!e.isOutage()) {
                    throw e;
                }
                log.accept("round " + round + ": the ledger is unavailable (" + e.getMessage() + "); looking again");
                p = Progress.WAITING;
            }
            if (p == Progress.AGGREGATED || p == Progress.IDLE) {
                return p;
            }
            if (p == Progress.ACTED) {
                giveUp = System.nanoTime() + patience.toNanos();
                continue;
            }
            if (System.nanoTime() > giveUp) {
                throw new dln.core.protocol.ProtocolException("SECURE_ROUND_STALLED", "round " + round + " of model " + modelId
                        + " did not move for " + patience.toSeconds() + " s (" + standing(modelId, round) + "): the publisher may call"
                        + " secagg:AdvanceSecureRound once the threshold acted, or anyone close the round after its deadline");
            }
            events.awaitAfter(seen, java.time.Duration.ofSeconds(1));
        }
    }

    /** Where round {@code round} stands as this provider's peer has it, for a stall's message. */
    private String standing(final String modelId, final int round) {
        try {
            final ModelView m = me().ledger().getModel(modelId);
            return m.status() == ModelStatus.OPEN && m.currentRound() == round ? me().ledger().getSecureRound(modelId, round).round().standing()
                    : "this provider's peer has the model " + m.status().wire() + " in round " + m.currentRound();
        } catch (LedgerException e) {
            return "the ledger does not answer: " + e.getMessage();
        }
    }

    private ProviderWorkflow.SecureStep trainedFor(final String modelId, final int round) {
        if (trained == null || !trained.context().id().equals(modelId) || trained.round() != round) {
            trained = workflow.trainForSecureRound(modelId).orElse(null);
        }
        return trained;
    }

    /** What a provider posts at ShareSecrets: envelopes and their commitments, in key-set order. */
    public record Dealt(List<String> envelopes, List<String> commitments) {
        public Dealt {
            envelopes = List.copyOf(envelopes);
            commitments = List.copyOf(commitments);
        }
    }

    /** Shamir shares of both secrets, one envelope per key-set provider, each sealed to its certificate, with its commitment. */
    private Dealt deal(final SecureRoundView view, final MaskKeys keys, final int index, final String context) {
        final int n = view.round().keys().size();
        final int t = view.round().threshold();
        final List<byte[]> mask = SecretShares.split(keys.maskSecret(), t, n, random);
        final List<byte[]> self = SecretShares.split(keys.selfSeed(), t, n, random);
        final List<String> out = new ArrayList<>(n);
        final List<String> commitments = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            final java.security.PublicKey to = Pem.certificate(view.parties().get(j).certificatePem()).getPublicKey();
            final ShareEnvelope.Shares shares = new ShareEnvelope.Shares(mask.get(j), self.get(j));
            out.add(ShareEnvelope.seal(shares, context, index, j, to, random));
            commitments.add(ShareEnvelope.commitment(shares));
        }
        return dealing.apply(new Dealt(out, commitments));
    }

    /**
     * One write. A step the ledger says is done already committed before its answer was lost (the
     * transport proposed it again); a step out of turn, or into a round that closed meanwhile, lost a
     * race with the round moving on (this provider read the round before the others' writes landed).
     * Either way the next read of the round tells what is left to do.
     */
    private Progress attempt(final Runnable write, final String done) {
        try {
            write.run();
            log.accept(done);
        } catch (LedgerException e) {
            if (!lostRace(e)) {
                throw e;
            }
        }
        return Progress.ACTED;
    }

    private static boolean lostRace(final LedgerException e) {
        return e.is(Rule.SECAGG_ALREADY_DONE) || e.is(Rule.SECAGG_WRONG_PHASE) || e.is(Rule.ROUND_CLOSED) || e.is(Rule.MODEL_NOT_OPEN);
    }

    private Progress submitMasked(final SecureRoundView view, final MaskKeys keys, final int index, final String context,
                              final ProviderWorkflow.SecureStep s) {
        final float[] raw = new float[s.trained().length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = s.trained()[i] - s.start()[i];
        }
        // The weight is applied before masking, from this provider's own claim (the aggregate divides by the survivors' total).
        final float[] step = SecureWeights.scale(raw, SecureWeights.of(s.context().model().weighting(), s.samples()));
        final SortedMap<Integer, String> peers = new TreeMap<>();
        for (final LedgerIdentity who : view.round().shared()) {
            final int v = view.indexOf(who);
            peers.put(v, view.parties().get(v).maskKey());
        }
        final long[] y = Masking.mask(FixedPoint.quantise(step), keys, index, peers, context);
        final String cid;
        try {
            cid = me().store().putBytes(MaskedVectors.encode(y));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return attempt(() -> me().ledger().submitMasked(view.round().modelId(), view.round().round(), cid, s.samples(), s.trainingMillis(),
                s.recipeHash(), s.privacy()),
                "round " + view.round().round() + ": masked update " + cid + " submitted");
    }

    /**
     * For each provider that shared, in that order: its self-seed share if it sent a masked update,
     * its mask-key share if not; empty, naming that provider's share as invalid (SECAGG_SHARE_INVALID),
     * when its envelope does not open or opens to a share that does not match its commitment.
     */
    private List<String> reveal(final SecureRoundView view, final int index, final String context) {
        final List<String> out = new ArrayList<>();
        for (final LedgerIdentity who : view.round().shared()) {
            final int v = view.indexOf(who);
            final SecureRoundView.Party sender = view.parties().get(v);
            final boolean selfSeed = view.round().masked().contains(who);
            byte[] share;
            try {
                final ShareEnvelope.Shares s = ShareEnvelope.open(sender.shares().get(index), context, v, index, enrolmentKey);
                share = selfSeed ? s.selfSeed() : s.maskKey();
            } catch (RuntimeException e) {
                share = null;
            }
            final boolean committed = share != null && (sender.commitments().isEmpty() // shared before commitments existed
                    || sender.commitments().size() > index && ShareEnvelope.matches(sender.commitments().get(index), share, selfSeed));
            if (!committed) {
                log.accept("round " + view.round().round() + ": " + Rule.SECAGG_SHARE_INVALID + ": the share " + who
                        + " sealed to this provider " + (share == null ? "does not open" : "does not match its commitment"));
                out.add("");
            } else {
                out.add(HexFormat.of().formatHex(share));
            }
        }
        return out;
    }

    private Progress record(final String modelId, final int round, final SecureRoundView view, final String context) {
        if (view.round().voted(me().identity())) {
            // Its vote is in; the aggregate becomes the update when the threshold agrees.
            return Progress.WAITING;
        }
        final ProviderWorkflow.SecureStep s = trainedFor(modelId, round);
        if (s == null) {
            return Progress.IDLE;
        }
        final float[] aggregate;
        try {
            aggregate = SecureAggregate.weights(view, s.context().model().weighting(), me().store(), s.start(), context);
        } catch (SecureAggregationException e) {
            if (e.rule() != Rule.SECAGG_SHARE_INVALID) {
                throw e;
            }
            // A sender's bad shares left fewer than the threshold: nothing to record; the round closes at its deadline.
            log.accept("round " + round + ": " + e.getMessage());
            return Progress.WAITING;
        }
        try {
            final String cid = me().store().putWeights(s.context().architectureHash(), aggregate);
            final SecureRoundView.Round after = me().ledger().recordSecureAggregate(modelId, round, cid);
            log.accept("round " + round + ": aggregate of " + view.round().masked().size() + " providers recorded as " + cid
                    + (after.aggregateUpdateId() == null ? " (waiting for " + view.round().threshold() + " to agree)" : ""));
            return Progress.ACTED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LedgerException e) {
            if (e.is(Rule.AGGREGATE_ALREADY_RECORDED) || e.is(Rule.WEIGHTS_ALREADY_RECORDED)) {
                return Progress.AGGREGATED;
            }
            if (e.is(Rule.ROUND_CLOSED) || e.is(Rule.MODEL_NOT_OPEN)) {
                // The threshold's votes made the update and the committee closed the round before this vote landed.
                return Progress.AGGREGATED;
            }
            if (e.is(Rule.SECAGG_ALREADY_DONE)) {
                return Progress.WAITING;
            }
            throw e;
        }
    }
}

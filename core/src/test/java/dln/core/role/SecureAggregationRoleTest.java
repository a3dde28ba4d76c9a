package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.AcceptancePolicy;
import dln.api.LedgerException;
import dln.api.ModelStatus;
import dln.api.OptimiserSpec;
import dln.api.SecurePhase;
import dln.api.UpdateStatus;
import dln.api.WeightingPolicy;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.secagg.FixedPoint;
import dln.core.secagg.MaskKeys;
import dln.core.secagg.SecureAggregate;
import dln.core.secagg.SecureAggregationException;
import dln.core.secagg.SecureProvider;
import dln.core.training.TrainingListener;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Securely aggregated federated rounds on the in-process ledger (the real contracts) with real
 * training, certificates and masks: the aggregate the committee scores is the round's start plus
 * the mean of the providers' quantised steps, bit for bit; a provider that drops out after sharing
 * is recovered through the others' shares; below the threshold nothing moves on or is recovered.
 */
class SecureAggregationRoleTest {
    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();
    private static final LearningPolicy EQUAL = new LearningPolicy(AcceptancePolicy.THRESHOLD, 0,
            new ModelView.Weighting(WeightingPolicy.EQUAL, 0, false), OptimiserSpec.none());

    private final Consortium net = new Consortium();
    /** The providers' and members' lines; providers on threads of their own write it at once. */
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Provider {@link #cheater}'s dealing (identity unless a test plays one that posts bad shares). */
    private int cheater = -1;
    private java.util.function.UnaryOperator<SecureProvider.Dealt> cheating = java.util.function.UnaryOperator.identity();
    /** Provider {@link #wrapped}'s ledger calls go through {@link #wrap} (identity unless a test delays one). */
    private int wrapped = -1;
    private java.util.function.UnaryOperator<dln.api.LedgerTransport> wrap = java.util.function.UnaryOperator.identity();

    private record Setup(Participant publisher, ModelView model, List<SecureProvider> providers) {}

    private Setup open(final int threshold) throws Exception {
        return open(threshold, EQUAL, new int[] {300, 300, 300});
    }

    /** Provider i trains on {@code sizes[i]} examples and claims as many. */
    private Setup open(final int threshold, final LearningPolicy policy, final int[] sizes) throws Exception {
        final dln.core.data.DataSplit split = TestData.roleSplitOrSkip(11);
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("secure", MLP, "accuracy",
                "federated", "fedavg", 2, 0.1, "median", COMMITTEE, TestData.range(split.validation(), 0, 300), PROVIDERS.size(), 3600, 2).with(policy),
                null, new ModelView.SecureAggregation(threshold));
        committeePass();
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());
        final List<SecureProvider> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            final Participant me = i == wrapped ? net.participant(PROVIDERS.get(i), wrap, net.store()) : net.participant(PROVIDERS.get(i));
            final ProviderWorkflow w = new ProviderWorkflow(me, TestData.range(split.train(), 300 * i, 300 * i + sizes[i]), MLP.training(),
                    Adversary.alone(Attack.NONE, 1, 7), 7 + i, TrainingListener.NONE, log::add);
            providers.add(new SecureProvider(w, net.identity(PROVIDERS.get(i)).key(), new SecureRandom(), log::add,
                    i == cheater ? cheating : java.util.function.UnaryOperator.identity()));
        }
        return new Setup(publisher, m, providers);
    }

    private void committeePass() {
        for (final String member : COMMITTEE) {
            new CommitteeService(new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, log::add),
                    net.ledger().transport("Org1MSP", net.identity("org1/User1").certificatePem()).events(),
                    CommitteeService.Scope.everyModelNamingMe()).pass();
        }
    }

    /** Steps the providers in {@code active} until the round reaches {@code until} (or nobody acts). */
    private void run(final Setup s, final Set<Integer> active, final SecurePhase until) {
        for (int pass = 0; pass < 12; pass++) {
            if (phase(s).compareTo(until) >= 0) {
                return;
            }
            boolean acted = false;
            for (final int i : active) {
                acted |= s.providers().get(i).step(s.model().id()) == SecureProvider.Progress.ACTED;
            }
            if (!acted) {
                return;
            }
        }
    }

    /** The log so far, read under its lock (an assertion's message is built while providers may still write). */
    private String logText() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** What a test does while the providers' parts run. */
    @FunctionalInterface
    private interface Meanwhile {
        void with(List<java.util.concurrent.Future<SecureProvider.Progress>> parts) throws Exception;
    }

    /**
     * Every provider's {@code contributeOnce} of {@code round} on a thread of its own, as on machines
     * of their own; {@code meanwhile} runs while they do; each must end with the round aggregated.
     */
    private void contributeTogether(final Setup s, final int round, final Meanwhile meanwhile) throws Exception {
        final dln.api.LedgerEvents events = net.participant("org1/User1").ledger().events();
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(PROVIDERS.size());
        try {
            final List<java.util.concurrent.Future<SecureProvider.Progress>> parts = new ArrayList<>();
            for (final SecureProvider p : s.providers()) {
                parts.add(threads.submit(() -> p.contributeOnce(s.model().id(), round, events, java.time.Duration.ofSeconds(60))));
            }
            meanwhile.with(parts);
            for (final java.util.concurrent.Future<SecureProvider.Progress> f : parts) {
                assertEquals(SecureProvider.Progress.AGGREGATED, f.get(120, java.util.concurrent.TimeUnit.SECONDS), logText());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private SecurePhase phase(final Setup s) {
        final ModelView m = s.publisher().ledger().getModel(s.model().id());
        return s.publisher().ledger().getSecureRound(m.id(), m.currentRound()).round().phase();
    }

    /** The round's start plus the mean of the quantised steps of {@code who}: what the aggregate must be, computed in the clear. */
    private static float[] plainAggregate(final List<ProviderWorkflow.SecureStep> who) {
        final float[] start = who.get(0).start();
        long[] sum = new long[start.length];
        for (final ProviderWorkflow.SecureStep s : who) {
            assertArrayEquals(start, s.start(), "every provider starts from the same weights");
            final float[] step = new float[start.length];
            for (int i = 0; i < step.length; i++) {
                step[i] = s.trained()[i] - start[i];
            }
            sum = FixedPoint.add(sum, FixedPoint.quantise(step));
        }
        final float[] mean = FixedPoint.mean(sum, who.size());
        final float[] out = new float[start.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = start[i] + mean[i];
        }
        return out;
    }

    private float[] weightsOf(final Setup s, final UpdateView u) throws Exception {
        return s.publisher().store().getWeights(u.weightsCid(), s.model().architectureHash(), plainAggregate(List.of(
                s.providers().get(0).trained().orElseThrow())).length);
    }

    /**
     * Capped weights and DP compose with masking: each provider trains with DP-SGD, scales its
     * step by min(cap, claim) / cap before masking, and the recovered aggregate is the weighted
     * mean of the steps computed in the clear; each masked submission records its run and the
     * epsilon the accountant gives for it.
     */
    @Test
    void cappedWeightsAndDpComposeWithMasking() throws Exception {
        final double sigma = 1.0;
        final LearningPolicy capped = new LearningPolicy(AcceptancePolicy.THRESHOLD, 0, new ModelView.Weighting(WeightingPolicy.CAPPED, 200, false),
                OptimiserSpec.none(), new ModelView.Privacy(50, 1e-5, 1.0, sigma));
        final int[] sizes = {100, 200, 300};
        final Setup s = open(2, capped, sizes);
        run(s, Set.of(0, 1, 2), SecurePhase.AGGREGATED);
        assertEquals(SecurePhase.AGGREGATED, phase(s), logText());
        final var view = s.publisher().ledger().getSecureRound(s.model().id(), 1);
        final double[] weights = {0.5, 1.0, 1.0};
        final List<ProviderWorkflow.SecureStep> steps = s.providers().stream().map(p -> p.trained().orElseThrow()).toList();
        final float[] start = steps.get(0).start();
        long[] sum = new long[start.length];
        final double[] clear = new double[start.length];
        for (int p = 0; p < 3; p++) {
            final ProviderWorkflow.SecureStep st = steps.get(p);
            assertEquals(sizes[p], st.samples());
            final float[] scaled = new float[start.length];
            for (int i = 0; i < start.length; i++) {
                final float step = st.trained()[i] - start[i];
                scaled[i] = (float) (step * weights[p]);
                clear[i] += step * weights[p] / 2.5;
            }
            sum = FixedPoint.add(sum, FixedPoint.quantise(scaled));
            // The run the ledger recorded for this provider, and its epsilon as the accountant gives it (one run of DP-SGD).
            final UpdateView.Privacy run = view.parties().get(view.indexOf(net.participant(PROVIDERS.get(p)).identity())).privacy();
            final double q = Math.min(1.0, (double) MLP.training().batchSize() / sizes[p]);
            assertEquals(q, run.samplingRate(), 1e-12);
            assertEquals(sigma, run.noiseMultiplier());
            assertEquals(dln.api.privacy.RdpAccountant.DLN.epsilon(q, sigma, run.steps(), 1e-5), run.epsilon(), 1e-9);
        }
        final float[] mean = FixedPoint.mean(sum, 2.5);
        final UpdateView aggregate = s.publisher().ledger().listUpdates(s.model().id(), 1, null).get(0);
        final float[] recorded = weightsOf(s, aggregate);
        for (int i = 0; i < start.length; i++) {
            assertEquals(start[i] + mean[i], recorded[i], "coordinate " + i + ": the quantised weighted sum over the total weight, bit for bit");
            assertEquals(start[i] + clear[i], recorded[i], 1e-5, "coordinate " + i + ": the weighted mean step computed in the clear");
        }
        // Not the equal-weight mean: the small provider counts half.
        assertFalse(java.util.Arrays.equals(recorded, plainAggregate(steps)));
        committeePass();
        assertEquals(UpdateStatus.ACCEPTED, s.publisher().ledger().getUpdate(aggregate.id()).status(), logText());
    }

    /**
     * A provider that read the round before the others' votes landed votes into a round the
     * threshold's votes and the committee already closed: it lost a race, it did nothing wrong;
     * its step says the round is aggregated instead of failing the provider (as SecureSessionIT
     * once did on the network).
     */
    @Test
    void aVoteThatLosesTheRaceWithTheRoundsCloseEndsTheProvidersRound() throws Exception {
        final java.util.concurrent.atomic.AtomicReference<Setup> setup = new java.util.concurrent.atomic.AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        wrapped = 2;
        wrap = t -> new dln.api.ForwardingTransport(t) {
            @Override
            public byte[] submit(final dln.api.Tx tx, final String... args) {
                if (tx == dln.api.Tx.RECORD_SECURE_AGGREGATE && raced.compareAndSet(false, true)) {
                    // Between provider 2's read and its vote: the others vote, the committee decides, the round closes.
                    run(setup.get(), Set.of(0, 1), SecurePhase.AGGREGATED);
                    committeePass();
                }
                return super.submit(tx, args);
            }
        };
        final Setup s = open(2);
        setup.set(s);
        run(s, Set.of(0, 1, 2), SecurePhase.UNMASKING);
        for (final int i : List.of(0, 1, 2)) {
            if (!s.publisher().ledger().getSecureRound(s.model().id(), 1).round().revealed().contains(net.participant(PROVIDERS.get(i)).identity())) {
                s.providers().get(i).step(s.model().id());
            }
        }
        assertEquals(SecureProvider.Progress.AGGREGATED, s.providers().get(2).step(s.model().id()), logText());
        assertTrue(raced.get(), "provider 2's vote was submitted after the round closed");
        assertEquals(dln.api.RoundStatus.CLOSED, s.publisher().ledger().getRound(s.model().id(), 1).status());
    }

    /**
     * A provider asked to take part in round 2 while its peer still shows round 1 (its blocks come
     * a moment after the publisher's) waits for round 2 there. It used to take the round it read
     * for the one it was asked for, find it aggregated and leave, and the key set of round 2,
     * which needs every provider, never filled: SecureSessionIT waited 300 s on the CI of 2026-12-05.
     */
    @Test
    void aProviderWhosePeerIsARoundBehindWaitsForTheRoundItWasAskedFor() throws Exception {
        final Setup s = open(2);
        run(s, Set.of(0, 1, 2), SecurePhase.AGGREGATED);
        assertEquals(SecurePhase.AGGREGATED, phase(s), logText());
        // Round 1 is aggregated but not yet decided: on every peer the model is still in round 1.
        contributeTogether(s, 2, parts -> {
            Thread.sleep(300);
            assertTrue(parts.stream().noneMatch(java.util.concurrent.Future::isDone), "no provider leaves before round 2 opens");
            committeePass();
        });
        final var round2 = s.publisher().ledger().getSecureRound(s.model().id(), 2).round();
        assertEquals(SecurePhase.AGGREGATED, round2.phase());
        assertEquals(3, round2.masked().size(), "every provider took part in round 2");
    }

    /**
     * A provider whose ledger does not answer for a while (its shares refused twice, then a read,
     * as while its peer restarts past the transport's retries) waits it out and finishes the round
     * with the others, as a provider between federated steps does; it does not leave the round.
     */
    @Test
    void aProviderWhoseLedgerIsDownForAWhileWaitsItOutAndTheRoundAggregates() throws Exception {
        final java.util.concurrent.atomic.AtomicInteger refusedShares = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean refusedRead = new java.util.concurrent.atomic.AtomicBoolean();
        wrapped = 1;
        wrap = t -> new dln.api.ForwardingTransport(t) {
            @Override
            public byte[] submit(final dln.api.Tx tx, final String... args) {
                if (tx == dln.api.Tx.SHARE_SECRETS && refusedShares.getAndIncrement() < 2) {
                    throw new LedgerException(dln.api.LedgerFailure.NETWORK_NOT_RUNNING, "no peer answered for 60 s (test)");
                }
                return super.submit(tx, args);
            }

            @Override
            public byte[] evaluate(final dln.api.Tx tx, final String... args) {
                if (tx == dln.api.Tx.GET_SECURE_ROUND && refusedShares.get() >= 3 && refusedRead.compareAndSet(false, true)) {
                    throw new LedgerException(dln.api.LedgerFailure.LEDGER_UNAVAILABLE, "the chaincode server is restarting (test)");
                }
                return super.evaluate(tx, args);
            }
        };
        final Setup s = open(2);
        contributeTogether(s, 1, parts -> { });
        assertEquals(3, refusedShares.get(), "its shares were refused twice, then posted");
        assertTrue(refusedRead.get(), "a read of the round failed once after that");
        final var round = s.publisher().ledger().getSecureRound(s.model().id(), 1).round();
        assertEquals(SecurePhase.AGGREGATED, round.phase());
        assertEquals(3, round.masked().size(), "the provider took part in the whole round");
        assertTrue(logText().contains("the ledger is unavailable"), logText());
    }

    /**
     * A provider running round after round waits out a ledger outage between two rounds (its
     * reads of the model refused twice, as while its peer restarts past the transport's
     * retries) and takes part in the next round; before, `provider run` exited there and the
     * next round's key set lacked it.
     */
    @Test
    void aProviderRunningRoundsWaitsOutALedgerOutageBetweenThem() throws Exception {
        final java.util.concurrent.atomic.AtomicInteger toRefuse = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        wrapped = 1;
        wrap = t -> new dln.api.ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final dln.api.Tx tx, final String... args) {
                if (tx == dln.api.Tx.GET_MODEL && toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refused.incrementAndGet();
                    throw new LedgerException(dln.api.LedgerFailure.NETWORK_NOT_RUNNING, "no peer answered for 60 s (test)");
                }
                return super.evaluate(tx, args);
            }
        };
        final Setup s = open(2);
        final dln.api.LedgerEvents events = net.participant("org1/User1").ledger().events();
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(PROVIDERS.size());
        try {
            final List<java.util.concurrent.Future<List<SecureProviderService.RoundDone>>> runs = new ArrayList<>();
            for (int i = 0; i < PROVIDERS.size(); i++) {
                final boolean down = i == wrapped;
                final SecureProviderService service = new SecureProviderService(s.providers().get(i), events,
                        java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(60), log::add);
                runs.add(threads.submit(() -> {
                    final List<SecureProviderService.RoundDone> done = new ArrayList<>();
                    assertEquals(ProviderService.Stop.DONE, service.contribute(s.model().id(), 2, r -> {
                        done.add(r);
                        if (down && r.round() == 1) {
                            toRefuse.set(2);
                        }
                    }));
                    return done;
                }));
            }
            while (runs.stream().anyMatch(f -> !f.isDone())) {
                committeePass();
                Thread.sleep(50);
            }
            for (final var run : runs) {
                assertEquals(List.of(new SecureProviderService.RoundDone(1, SecureProvider.Progress.AGGREGATED),
                        new SecureProviderService.RoundDone(2, SecureProvider.Progress.AGGREGATED)), run.get(), logText());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, refused.get(), "two reads of the model were refused between the rounds");
        assertEquals(3, s.publisher().ledger().getSecureRound(s.model().id(), 2).round().masked().size(),
                "the provider took part in round 2 with the others");
        assertTrue(logText().contains("the ledger is unavailable"), logText());
    }

    @Test
    void aWholeRoundScoresOnlyTheAggregateWhichIsThePlainMeanBitForBit() throws Exception {
        final Setup s = open(2);
        run(s, Set.of(0, 1, 2), SecurePhase.AGGREGATED);
        assertEquals(SecurePhase.AGGREGATED, phase(s), logText());
        final List<UpdateView> updates = s.publisher().ledger().listUpdates(s.model().id(), 1, null);
        assertEquals(1, updates.size(), "the round holds one update, its aggregate; no provider's update is on the ledger");
        final UpdateView aggregate = updates.get(0);
        assertEquals("secure-aggregate", aggregate.submitter().x509Id());
        assertEquals(900, aggregate.samples());
        final List<ProviderWorkflow.SecureStep> steps = s.providers().stream().map(p -> p.trained().orElseThrow()).toList();
        assertArrayEquals(plainAggregate(steps), weightsOf(s, aggregate));
        // What IPFS holds of each provider is its masked step, which is not its step.
        final var parties = s.publisher().ledger().getSecureRound(s.model().id(), 1).parties();
        assertEquals(3, parties.stream().map(p -> p.maskedCid()).distinct().count());

        committeePass();
        final RoundView round = s.publisher().ledger().getRound(s.model().id(), 1);
        assertFalse(round.open());
        assertEquals(List.of(aggregate.id()), round.accepted());
        assertEquals(UpdateStatus.ACCEPTED, s.publisher().ledger().getUpdate(aggregate.id()).status());
        assertEquals(2, s.publisher().ledger().getModel(s.model().id()).currentRound());
        // Round 2 starts from the accepted aggregate, and its providers train from it.
        run(s, Set.of(0, 1, 2), SecurePhase.SHARES);
        assertArrayEquals(weightsOf(s, aggregate), s.providers().get(0).trained().orElseThrow().start());
    }

    @Test
    void aProviderThatDropsAfterSharingIsRecoveredAndTheAggregateIsTheSurvivorsMean() throws Exception {
        final Setup s = open(2);
        run(s, Set.of(0, 1, 2), SecurePhase.MASKING);
        assertEquals(SecurePhase.MASKING, phase(s));
        // Provider 2 goes silent: the survivors mask, and the publisher moves the round on without it.
        run(s, Set.of(0, 1), SecurePhase.UNMASKING);
        assertEquals(SecurePhase.MASKING, phase(s), "the round waits for every provider that shared");
        s.publisher().ledger().advanceSecureRound(s.model().id(), 1);
        // One survivor's reveal is below the threshold: nothing can be recovered yet.
        s.providers().get(0).step(s.model().id());
        final var early = s.publisher().ledger().getSecureRound(s.model().id(), 1);
        assertEquals(1, early.round().revealed().size());
        final SecureAggregationException below = assertThrows(SecureAggregationException.class,
                () -> SecureAggregate.sum(early, s.publisher().store(), 10, MaskKeys.context(s.model().id(), 1)));
        assertEquals("SECAGG_BELOW_THRESHOLD", below.code());

        run(s, Set.of(0, 1), SecurePhase.AGGREGATED);
        assertEquals(SecurePhase.AGGREGATED, phase(s), logText());
        final UpdateView aggregate = s.publisher().ledger().listUpdates(s.model().id(), 1, null).get(0);
        final List<ProviderWorkflow.SecureStep> survivors = List.of(s.providers().get(0).trained().orElseThrow(),
                s.providers().get(1).trained().orElseThrow());
        assertArrayEquals(plainAggregate(survivors), weightsOf(s, aggregate));
        assertEquals(600, aggregate.samples());
    }

    /**
     * A provider records a forged aggregate before the others: it stays its vote (naming it on the
     * ledger), the honest providers' recovered aggregate reaches the threshold and becomes the
     * round's update, which the committee accepts: the round is not lost.
     */
    @Test
    void aForgedAggregateDoesNotLoseTheRound() throws Exception {
        final Setup s = open(2);
        run(s, Set.of(0, 1, 2), SecurePhase.UNMASKING);
        for (final SecureProvider p : s.providers()) {
            p.step(s.model().id());
        }
        // Every reveal is in; provider 2 records, before the others, the true aggregate nudged on one weight.
        final var view = s.publisher().ledger().getSecureRound(s.model().id(), 1);
        final ProviderWorkflow.SecureStep mine = s.providers().get(2).trained().orElseThrow();
        final float[] forged = SecureAggregate.weights(view, s.model().weighting(), s.publisher().store(), mine.start(), MaskKeys.context(s.model().id(), 1));
        assertArrayEquals(plainAggregate(s.providers().stream().map(p -> p.trained().orElseThrow()).toList()), forged);
        forged[0] += 0.5f;
        final Participant cheat = net.participant(PROVIDERS.get(2));
        final String forgedCid = cheat.store().putWeights(s.model().architectureHash(), forged);
        final var pending = cheat.ledger().recordSecureAggregate(s.model().id(), 1, forgedCid);
        assertEquals(null, pending.aggregateUpdateId(), "one recorder alone does not make the round's update");
        assertEquals(SecureProvider.Progress.WAITING, s.providers().get(2).step(s.model().id()), "its vote is in");
        for (final int i : new int[] {0, 1}) {
            s.providers().get(i).step(s.model().id());
        }
        final var round = s.publisher().ledger().getSecureRound(s.model().id(), 1).round();
        assertEquals(SecurePhase.AGGREGATED, round.phase(), logText());
        assertTrue(round.votes().stream().anyMatch(v -> v.by().equals(cheat.identity())), "the forged vote stays on the ledger");
        final UpdateView recorded = s.publisher().ledger().getUpdate(round.aggregateUpdateId());
        assertFalse(recorded.weightsCid().equals(forgedCid));
        assertArrayEquals(plainAggregate(s.providers().stream().map(p -> p.trained().orElseThrow()).toList()), weightsOf(s, recorded));
        committeePass();
        assertEquals(UpdateStatus.ACCEPTED, s.publisher().ledger().getUpdate(recorded.id()).status(), logText());
        assertEquals(List.of(recorded.id()), s.publisher().ledger().getRound(s.model().id(), 1).accepted());
    }

    /**
     * Provider 2 seals garbage in its envelopes to {@code victims} other providers (honest
     * commitments): each victim reports the share it cannot open, naming provider 2 on the round.
     */
    private Setup openWithBadDealer(final int victims) throws Exception {
        cheater = 2;
        final java.util.concurrent.atomic.AtomicReference<String> model = new java.util.concurrent.atomic.AtomicReference<>();
        cheating = dealt -> {
            final var view = net.participant(PROVIDERS.get(2)).ledger().getSecureRound(model.get(), 1);
            final int own = view.indexOf(net.participant(PROVIDERS.get(2)).identity());
            final List<String> envelopes = new ArrayList<>(dealt.envelopes());
            for (int k = 1; k <= victims; k++) {
                final int j = (own + k) % envelopes.size();
                final byte[] sealed = java.util.Base64.getDecoder().decode(envelopes.get(j));
                sealed[sealed.length / 2] ^= 0x5a;
                envelopes.set(j, java.util.Base64.getEncoder().encodeToString(sealed));
            }
            return new SecureProvider.Dealt(envelopes, dealt.commitments());
        };
        final Setup s = open(2);
        model.set(s.model().id());
        return s;
    }

    /**
     * A provider that posts a corrupted share is named on the round (SECAGG_SHARE_INVALID, by the
     * recipient that could not open it), and the round still recovers from the two honest shares
     * left of its secret: the aggregate is the plain mean bit for bit, and the committee accepts it.
     */
    @Test
    void aProviderThatPostsABadShareIsNamedAndTheRoundStillRecovers() throws Exception {
        final Setup s = openWithBadDealer(1);
        run(s, Set.of(0, 1, 2), SecurePhase.AGGREGATED);
        final var round = s.publisher().ledger().getSecureRound(s.model().id(), 1).round();
        assertEquals(SecurePhase.AGGREGATED, round.phase(), logText());
        final dln.api.view.LedgerIdentity bad = net.participant(PROVIDERS.get(2)).identity();
        assertEquals(1, round.invalidShares().size(), round.toString());
        assertEquals("SECAGG_SHARE_INVALID", round.invalidShares().get(0).rule());
        assertEquals(bad, round.invalidShares().get(0).sender(), "the provider that posted the bad share is named");
        assertFalse(bad.equals(round.invalidShares().get(0).reporter()));
        final UpdateView recorded = s.publisher().ledger().getUpdate(round.aggregateUpdateId());
        assertArrayEquals(plainAggregate(s.providers().stream().map(p -> p.trained().orElseThrow()).toList()), weightsOf(s, recorded));
        committeePass();
        assertEquals(UpdateStatus.ACCEPTED, s.publisher().ledger().getUpdate(recorded.id()).status(), logText());
    }

    /**
     * The same provider corrupts its shares to both others: only its own share of its secret is
     * valid, below the threshold of 2, so recovery fails naming it (SECAGG_SHARE_INVALID), in the
     * providers' recovery and on the ledger, and no aggregate is recorded.
     */
    @Test
    void belowTheThresholdOfValidSharesTheBadDealerIsNamed() throws Exception {
        final Setup s = openWithBadDealer(2);
        run(s, Set.of(0, 1, 2), SecurePhase.AGGREGATED);
        final var view = s.publisher().ledger().getSecureRound(s.model().id(), 1);
        assertEquals(SecurePhase.UNMASKING, view.round().phase(), logText());
        assertEquals(3, view.round().revealed().size());
        final dln.api.view.LedgerIdentity bad = net.participant(PROVIDERS.get(2)).identity();
        assertEquals(2, view.round().invalidSharesOf(bad));
        final SecureAggregationException named = assertThrows(SecureAggregationException.class,
                () -> SecureAggregate.sum(view, s.publisher().store(), 10, MaskKeys.context(s.model().id(), 1)));
        assertEquals("SECAGG_SHARE_INVALID", named.code());
        assertTrue(named.getMessage().contains(bad.toString()), named.getMessage());
        final LedgerException refused = assertThrows(LedgerException.class,
                () -> net.participant(PROVIDERS.get(0)).ledger().recordSecureAggregate(s.model().id(), 1,
                        net.participant(PROVIDERS.get(0)).store().putBytes(new byte[] {1, 2, 3})));
        assertEquals("SECAGG_SHARE_INVALID", refused.code());
        assertTrue(s.publisher().ledger().listUpdates(s.model().id(), 1, null).isEmpty());
    }

    @Test
    void belowTheThresholdTheRoundDoesNotMoveOn() throws Exception {
        final Setup s = open(3);
        run(s, Set.of(0, 1, 2), SecurePhase.MASKING);
        run(s, Set.of(0, 1), SecurePhase.UNMASKING);
        final LedgerException refused = assertThrows(LedgerException.class,
                () -> s.publisher().ledger().advanceSecureRound(s.model().id(), 1));
        assertEquals("SECAGG_BELOW_THRESHOLD", refused.code());
        assertEquals(SecurePhase.MASKING, phase(s));
        assertTrue(s.publisher().ledger().listUpdates(s.model().id(), 1, null).isEmpty());
    }

}

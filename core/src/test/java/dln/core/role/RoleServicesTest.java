package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerEvents;
import dln.api.LedgerTransport;
import dln.api.ModelStatus;
import dln.api.Tx;
import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
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
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.UpdateReview;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three roles' services, driven through the in-process ledger (the real contracts) and a
 * memory content store: every protocol decision without a network.
 */
class RoleServicesTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3", "org1/User4");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        // The digits come sorted by label: shuffle them into a split first.
        final TestData.RoleData data = TestData.roleDataOrSkip(11, 2_400, 600);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void aFederatedRoundWithFourProvidersAndThreeMembersClosesOnTheCommitteesScores() throws Exception {
        final String model = publishAndOpen("federated", "fedavg");
        final List<ProviderService> providers = providers(Attack.NONE);
        for (ProviderService p : providers) {
            assertTrue(p.contributeOnce(model).isPresent());
        }
        final RoundView round = awaitRoundClosed(model, 1);
        assertEquals(4, round.accepted().size(), "every honest update of round 1 is accepted");
        final ModelView m = ledger("org1/User1").getModel(model);
        assertEquals(2, m.currentRound());
        // Round 2 starts from round 1's accepted set, which the first provider records as the aggregate.
        final ProviderWorkflow.Outcome second = providers.get(0).contributeOnce(model).orElseThrow();
        assertEquals(round.accepted(), second.update().parents());
        assertTrue(ledger("org1/User1").getRound(model, 1).aggregate() != null, "the round-1 aggregate was recorded");
        // Contributing twice to a round is not possible: the service waits for the next round instead.
        assertTrue(providers.get(0).stepNow(ledger("org1/User3").getModel(model)).isEmpty());
    }

    @Test
    void underTheContributionPolicyTheRoundsSetIsFixedBeforeScoringAndWhatHelpsIsAccepted() throws Exception {
        final String model = publishAndOpen("federated", "fedavg", dln.core.protocol.LearningPolicy.parse("contribution:2", "median_capped"));
        final List<ProviderService> providers = providers(Attack.SIGN_FLIP, 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(providers.get(i).contributeOnce(model).isPresent());
        }
        // Three of four are in: the set is not fixed, so nobody may score yet.
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        members.forEach(CommitteeService::pass);
        assertEquals(dln.api.RoundStatus.OPEN, ledger("org1/User1").getRound(model, 1).status());
        final String early = ledger("org1/User1").listUpdates(model, 1, null).get(0).id();
        final dln.api.LedgerException notYet = assertThrows(dln.api.LedgerException.class,
                () -> ledger("org2/User2").submitScore(early, 0.9, 10, null, new dln.api.DlnLedger.Contribution(0.01, 0.001)));
        assertTrue(notYet.is(dln.api.Rule.SCORING_NOT_STARTED), notYet.getMessage());

        final String flipped = providers.get(3).contributeOnce(model).orElseThrow().update().id();
        final RoundView round = awaitRoundClosed(model, 1);
        assertEquals(4, round.scoring().size(), "the fourth submission fixed the set of four");
        assertEquals(3, round.accepted().size(), "the honest three are accepted: " + round.accepted());
        assertFalse(round.accepted().contains(flipped), "the sign-flipped update makes the aggregate worse and is rejected");
        for (String id : round.scoring()) {
            final UpdateView u = ledger("org1/User1").getUpdate(id);
            assertTrue(u.contribution() != null, "the decision records the measured contribution of " + id);
            // The honest three are measured among themselves once each member's own scores reject
            // the flipped one (docs/protocol.md §1, "Measured among the kept"): what each adds to
            // the other two may be either sign; the flipped one's is what it does to them.
            if (id.equals(flipped)) {
                assertTrue(u.contribution() < 0, "the flipped update makes the honest three worse: " + u.contribution());
            }
            ledger("org1/User1").getScores(id).forEach(s -> assertTrue(s.value() > 0, "the standalone score is recorded too"));
        }
        // A late submission cannot join a set being scored, and the next round starts from the accepted three.
        final ProviderWorkflow.Outcome next = providers.get(0).contributeOnce(model).orElseThrow();
        assertEquals(round.accepted(), next.update().parents());
    }

    @Test
    void aServerOptimisersStepAndStateAreRecordedByOneProviderAndVerifiedByTheOthers() throws Exception {
        final String model = publishAndOpen("federated", "fedavg", dln.core.protocol.LearningPolicy.parse("threshold", "claimed", "fedadam"));
        final List<ProviderService> providers = providers(Attack.NONE);
        for (ProviderService p : providers) {
            p.contributeOnce(model).orElseThrow();
        }
        final RoundView round = awaitRoundClosed(model, 1);
        final ProviderWorkflow.Outcome first = providers.get(0).contributeOnce(model).orElseThrow();
        final ProviderWorkflow.Outcome second = providers.get(1).contributeOnce(model).orElseThrow();
        assertEquals(dln.core.protocol.StartWeights.Check.RECORDED, first.start().check());
        assertEquals(dln.core.protocol.StartWeights.Check.VERIFIED, second.start().check(), "the second recomputes start and state bit for bit");
        final RoundView.Aggregate recorded = ledger("org1/User1").getRound(model, 1).aggregate();
        assertTrue(recorded.stateCid() != null, "FedAdam's state after round 1 is recorded with the aggregate");
        // The start is FedAdam's step from the initial weights, not the plain average of round 1.
        final dln.core.protocol.ModelContext ctx = dln.core.protocol.ModelContext.of(ledger("org1/User1").getModel(model));
        final dln.core.protocol.Participant reader = net.participant("org1/User1");
        final List<UpdateView> accepted = round.accepted().stream().map(id -> reader.ledger().getUpdate(id)).toList();
        final dln.core.protocol.Aggregates agg = new dln.core.protocol.Aggregates(reader, line -> { });
        final float[] average = dln.core.protocol.Aggregates.aggregate(ctx, accepted, agg.weightsOf(ctx, accepted), null);
        final float[] start = agg.aggregate(ctx, round.accepted());
        assertFalse(java.util.Arrays.equals(average, start), "the optimiser stepped");
        assertEquals(recorded.cid(), dln.core.storage.WeightStore.cidOf(ctx.architectureHash(), start));
    }

    @Test
    void anUpdateThatDidNotTrainFailsSanityAndIsRejected() throws Exception {
        final String model = publishAndOpen("federated", "fedavg");
        final ProviderService honest = provider(0, Attack.NONE);
        final ProviderService lazy = provider(1, Attack.parse("free-rider"));
        honest.contributeOnce(model);
        final UpdateView bad = lazy.contributeOnce(model).orElseThrow().update();
        final List<UpdateReview> reviews = new ArrayList<>();
        for (String member : COMMITTEE) {
            reviews.addAll(committee(member).pass());
        }
        final UpdateView decided = ledger("org1/User1").getUpdate(bad.id());
        assertEquals(UpdateStatus.REJECTED, decided.status());
        // It claims its samples took no time, so the plausibility check is the one that catches it first.
        assertTrue(reviews.stream().anyMatch(r -> r.updateId().equals(bad.id()) && !r.sane() && r.reason().contains("implausible")),
                "the reason names the failed check: " + reviews);
        assertEquals(UpdateStatus.ACCEPTED, ledger("org1/User1").listUpdates(model, 1, null).stream()
                .filter(u -> !u.id().equals(bad.id())).findFirst().orElseThrow().status(), "the honest update beside it is accepted");
    }

    @Test
    void aMemberKilledBetweenTwoScoresResumesAndScoresEachUpdateExactlyOnce() throws Exception {
        final String model = publishAndOpen("gossip", "fedavg");
        final ProviderService a = provider(0, Attack.NONE);
        final ProviderService b = provider(1, Attack.NONE);
        final String member = COMMITTEE.get(1);
        // The first life scores the first update, then dies sending its second score (a pass's
        // scores go in one batch): the call never reaches the ledger.
        final AtomicInteger scores = new AtomicInteger();
        final CommitteeService first = committee(member, t -> new FailingOn(t, Tx.SUBMIT_SCORES, 2, scores));
        final String u1 = a.contributeOnce(model).orElseThrow().update().id();
        assertEquals(1, first.pass().size());
        final String u2 = b.contributeOnce(model).orElseThrow().update().id();
        final CommitteeWorkflow.PassFailed crash = assertThrows(CommitteeWorkflow.PassFailed.class, first::pass);
        assertTrue(crash.getCause() instanceof IllegalStateException, "the crash is the model's failure: " + crash.getCause());
        assertEquals(1, scoresBy(member, List.of(u1, u2)), "one score made it before the crash");
        final List<UpdateReview> second = committee(member).pass();
        assertEquals(1, second.size(), "the restarted member scores only what is left");
        assertEquals(2, scoresBy(member, List.of(u1, u2)));
        assertTrue(committee(member).pass().isEmpty(), "a third life finds nothing to do");
    }

    @Test
    void aProviderCrashedBetweenUploadAndSubmitContributesOnceAfterRestart() throws Exception {
        final String model = publishAndOpen("federated", "fedavg");
        final String who = PROVIDERS.get(2);
        // The first life uploads its weights, then dies before SubmitUpdate.
        final ProviderService crashing = new ProviderService(providerWorkflow(net.participant(who,
                t -> new FailingOn(t, Tx.SUBMIT_UPDATE, 1, new AtomicInteger()), net.store()), 2, Attack.NONE),
                events(), Duration.ofMillis(50));
        assertThrows(IllegalStateException.class, () -> crashing.contributeOnce(model));
        assertTrue(mine(model, who).isEmpty(), "nothing was recorded");
        final ProviderService restarted = provider(2, Attack.NONE);
        assertTrue(restarted.contributeOnce(model).isPresent());
        assertEquals(1, mine(model, who).size());
        assertTrue(restarted.stepNow(ledger(who).getModel(model)).isEmpty(), "a further restart does not submit again to round 1");
        assertEquals(1, mine(model, who).size());
    }

    @Test
    void aWaitingProviderReadsItsWorkAgainOnlyWhenARoundMayHaveOpened() throws Exception {
        final String model = publishAndOpen("federated", "fedavg");
        final String who = PROVIDERS.get(0);
        final AtomicInteger reads = new AtomicInteger();
        final ProviderService waiting = new ProviderService(providerWorkflow(net.participant(who, t -> new dln.api.ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.GET_PROVIDER_WORK) {
                    reads.incrementAndGet();
                }
                return super.evaluate(tx, args);
            }
        }, net.store()), 0, Attack.NONE), events(), Duration.ofMinutes(5));
        assertTrue(waiting.contributeOnce(model).isPresent());
        // Its next step waits for round 2; a recheck of 5 minutes leaves the events alone to wake it.
        final java.util.concurrent.CompletableFuture<java.util.Optional<ProviderWorkflow.Outcome>> next = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.contributeOnce(model);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        final long until = System.nanoTime() + 30_000_000_000L;
        while (reads.get() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertEquals(2, reads.get(), "one read for its step, one finding round 1 taken");
        for (int i = 1; i < PROVIDERS.size(); i++) {
            provider(i, Attack.NONE).contributeOnce(model).orElseThrow();
        }
        Thread.sleep(100);
        assertEquals(2, reads.get(), "the other three submissions (the last fixing the set) woke nobody waiting for a round");
        awaitRoundClosed(model, 1);
        final ProviderWorkflow.Outcome second = next.get(60, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
        assertEquals(2, second.update().round(), "the decision that opened round 2 woke it");
        assertTrue(reads.get() <= 5, "a few reads around the decision, not one per transaction: " + reads.get());
    }

    @Test
    void aProviderWaitsOutALedgerOutageBetweenStepsInsteadOfExiting() throws Exception {
        final String model = publishAndOpen("federated", "fedavg");
        final String who = PROVIDERS.get(1);
        final AtomicInteger reads = new AtomicInteger();
        final List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The first three reads of what the provider has to do (the model with its round) find the chaincode server restarting.
        final ProviderService p = new ProviderService(providerWorkflow(net.participant(who, t -> new dln.api.ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.GET_PROVIDER_WORK && reads.incrementAndGet() <= 3) {
                    throw new dln.api.LedgerException(dln.api.LedgerFailure.CHAINCODE_UNAVAILABLE, "the peers cannot reach the chaincode server");
                }
                return super.evaluate(tx, args);
            }
        }, net.store()), 1, Attack.NONE), events(), Duration.ofMillis(20), said::add);
        assertTrue(p.contributeOnce(model).isPresent(), "the step is made once the ledger answers");
        assertEquals(1, mine(model, who).size());
        assertTrue(said.stream().anyMatch(l -> l.startsWith("the ledger is unavailable")), "said so: " + said);
        // A refusal is no outage: it still ends the loop.
        final ProviderService refused = new ProviderService(providerWorkflow(net.participant(who), 1, Attack.NONE), events(), Duration.ofMillis(20));
        assertThrows(dln.api.LedgerException.class, () -> refused.contributeOnce("m-00000000000000000000000000000000"));
    }

    @Test
    void aGossipRunOfTwentyStepsBuildsADagOfAcceptedUpdates() throws Exception {
        final String model = publishAndOpen("gossip", "fedavg");
        final List<ProviderService> providers = providers(Attack.NONE);
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        for (int step = 0; step < 20; step++) {
            providers.get(step % providers.size()).contributeOnce(model).orElseThrow();
            for (CommitteeService m : members) {
                m.pass();
            }
        }
        final List<UpdateView> all = ledger("org1/User1").listUpdates(model, 0, null);
        assertEquals(20, all.size());
        assertTrue(all.stream().noneMatch(UpdateView::pending), "every update was decided");
        assertTrue(all.stream().filter(UpdateView::accepted).count() >= 18, "honest gossip updates are accepted");
        assertTrue(all.stream().anyMatch(u -> !u.parents().contains(UpdateView.INITIAL)), "later steps build on accepted updates");
    }

    @Test
    void aVoteThatFailsDoesNotHoldTheMembersScores() throws Exception {
        final String open = publishAndOpen("gossip", "fedavg");
        final String update = provider(0, Attack.NONE).contributeOnce(open).orElseThrow().update().id();
        final Participant publisher = net.participant("org1/User1");
        final String proposed = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("test proposed", MLP, "accuracy",
                "gossip", "fedavg", 2, 0.5, "median", COMMITTEE, validation, PROVIDERS.size(), 3600, 2)).id();
        final String member = COMMITTEE.get(1);

        final CommitteeService refused = committee(member, t -> new FailingOn(t, Tx.APPROVE_MODEL, 1, new AtomicInteger()));
        final CommitteeWorkflow.PassFailed failed = assertThrows(CommitteeWorkflow.PassFailed.class, refused::pass);

        assertEquals(java.util.Set.of(proposed), failed.failures().keySet(), "only the vote failed: " + failed.getMessage());
        assertEquals(List.of(update), failed.done().stream().map(UpdateReview::updateId).toList(), "the open model's update was scored in the same pass");
        assertEquals(1, scoresBy(member, List.of(update)));
        assertEquals(ModelStatus.PROPOSED, ledger(member).getModel(proposed).status());
    }

    // ---- the consortium ----------------------------------------------------------------------

    private String publishAndOpen(final String mode, final String rule) throws Exception {
        return publishAndOpen(mode, rule, dln.core.protocol.LearningPolicy.THRESHOLD);
    }

    private String publishAndOpen(final String mode, final String rule, final dln.core.protocol.LearningPolicy policy) throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("test " + mode, MLP, "accuracy",
                mode, rule, 2, 0.5, "median", COMMITTEE, validation, PROVIDERS.size(), 3600, 2).with(policy));
        for (String member : COMMITTEE) {
            committee(member).pass();
        }
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());
        return m.id();
    }

    /** Runs the committee until round {@code r} closes (each member one pass per wake-up). */
    private RoundView awaitRoundClosed(final String model, final int r) {
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        for (int i = 0; i < 10 && !ledger("org1/User1").getRound(model, r).closed(); i++) {
            members.forEach(CommitteeService::pass);
        }
        final RoundView round = ledger("org1/User1").getRound(model, r);
        assertTrue(round.closed(), "round " + r + " closed");
        return round;
    }

    private CommitteeService committee(final String member) {
        return committee(member, t -> t);
    }

    private CommitteeService committee(final String member, final UnaryOperator<LedgerTransport> wrap) {
        final Participant p = net.participant(member, wrap, net.store());
        return new CommitteeService(new CommitteeWorkflow(p, net.identity(member).key(), SanityLimits.DEFAULT, line -> { }), events(),
                CommitteeService.Scope.everyModelNamingMe());
    }

    private List<ProviderService> providers(final Attack attack) {
        return providers(attack, 0);
    }

    /** The providers, the last {@code malicious} of them running {@code attack}. */
    private List<ProviderService> providers(final Attack attack, final int malicious) {
        final List<ProviderService> all = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            all.add(provider(i, malicious == 0 || i >= PROVIDERS.size() - malicious ? attack : Attack.NONE));
        }
        return all;
    }

    private ProviderService provider(final int i, final Attack attack) {
        return new ProviderService(providerWorkflow(net.participant(PROVIDERS.get(i)), i, attack), events(), Duration.ofMillis(50));
    }

    private static ProviderWorkflow providerWorkflow(final Participant p, final int i, final Attack attack) {
        final int n = train.size() / PROVIDERS.size();
        return new ProviderWorkflow(p, TestData.range(train, i * n, (i + 1) * n), MLP.training(), Adversary.alone(attack, PROVIDERS.size(), 7 + i), 7 + i, new TrainingListener() { }, line -> { });
    }

    private LedgerEvents events() {
        return net.participant("org1/User1").ledger().events();
    }

    private dln.api.DlnLedger ledger(final String who) {
        return net.participant(who).ledger();
    }

    private List<UpdateView> mine(final String model, final String who) {
        final LedgerIdentity self = ledger(who).identity();
        return ledger(who).listUpdates(model, 0, null).stream().filter(u -> self.equals(u.submitter())).toList();
    }

    private long scoresBy(final String member, final List<String> updates) {
        final LedgerIdentity self = ledger(member).identity();
        return updates.stream().flatMap(u -> ledger(member).getScores(u).stream()).filter(s -> self.equals(s.member())).count();
    }


    /** A transport whose {@code nth} call of {@code tx} dies before reaching the ledger, like a process killed mid-call. */
    private static final class FailingOn extends dln.api.ForwardingTransport {
        private final Tx tx;
        private final int nth;
        private final AtomicInteger seen;

        FailingOn(final LedgerTransport inner, final Tx tx, final int nth, final AtomicInteger seen) {
            super(inner);
            this.tx = tx;
            this.nth = nth;
            this.seen = seen;
        }

        @Override
        public byte[] submit(final Tx t, final String... args) {
            if (t == tx && seen.incrementAndGet() == nth) {
                throw new IllegalStateException("killed before " + t.qualified());
            }
            return super.submit(t, args);
        }
    }
}

package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.CountingTransport;
import dln.api.ForwardingTransport;
import dln.api.LedgerTransport;
import dln.api.ModelStatus;
import dln.api.RoundStatus;
import dln.api.Tx;
import dln.api.view.ModelView;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.Aggregates;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.SharedMachine;
import dln.core.protocol.StartWeights;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger reads on a federated round's path, each a peer round trip on the network: a
 * provider's step given the model it just read reads it no more, reads its round's parents side
 * by side rather than one after another, and its round beside its own updates in it, and trains
 * before reading whether the previous aggregate is recorded; a member's pass reads the model
 * and the round once each.
 */
class RoundPathReadsTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();
    private static final String ACCEPTED = "\"status\":\"" + dln.api.UpdateStatus.ACCEPTED.wire() + "\"";
    private static final byte[] EMPTY_PAGE = "{\"items\":[],\"bookmark\":\"\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(11);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void aRoundsStepsReadTheModelOnceAndTheParentsSideBySide() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("reads", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CountingTransport> memberCalls = new java.util.ArrayList<>();
        final List<CommitteeWorkflow> members = COMMITTEE.stream().map(name -> member(name, memberCalls)).toList();
        members.forEach(w -> w.reviewModel(m));
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());

        final List<CountingTransport> providerCalls = new java.util.ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            final ModelView open = publisher.ledger().getModel(m.id());
            assertTrue(provider(i, t -> counted(t, providerCalls)).federatedStep(open).isPresent());
        }
        assertEquals(0, providerCalls.stream().mapToLong(c -> c.calls(Tx.GET_MODEL)).sum(), "the steps joined the round of the model given");
        assertEquals(RoundStatus.SCORING, publisher.ledger().getRound(m.id(), 1).status(), "the second update fixed the set");

        memberCalls.clear();
        final CommitteeWorkflow first = member(COMMITTEE.get(0), memberCalls);
        assertFalse(first.scorePending(publisher.ledger().getModel(m.id())).isEmpty(), "the member scored the fixed set");
        assertEquals(1, memberCalls.get(0).calls(Tx.GET_MEMBER_WORK), "the pass read the model, its round and its work in one call");
        assertEquals(0, memberCalls.get(0).calls(Tx.GET_MODEL) + memberCalls.get(0).calls(Tx.LIST_UNSCORED_BY), "and nothing of that again");
        assertEquals(0, memberCalls.get(0).calls(Tx.GET_ROUND), "the scoring round came with the work: not read again for its updates");
        for (int pass = 0; pass < 3 && publisher.ledger().getModel(m.id()).currentRound() == 1; pass++) {
            members.forEach(w -> w.scorePending(m.id()));
        }
        assertEquals(2, publisher.ledger().getRound(m.id(), 2).parents().size(), "round 2 starts from both updates");

        // Parents read one by one (here: the round's listing of what it accepted comes back empty)
        // must be under way at once for either to be answered.
        final AtomicInteger unanswered = new AtomicInteger();
        final UnaryOperator<LedgerTransport> rendezvous = t -> rendezvous(tx -> tx == Tx.GET_UPDATE, unanswered).apply(new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                return tx == Tx.LIST_UPDATES && args[0].contains(ACCEPTED) ? EMPTY_PAGE : super.evaluate(tx, args);
            }
        });
        final ModelView open = publisher.ledger().getModel(m.id());
        final Aggregates.RoundStart sideBySide = new Aggregates(net.participant(PROVIDERS.get(0), rendezvous, net.store()), line -> { })
                .beginRound(ModelContext.of(open), publisher.ledger().getRound(m.id(), 2));
        assertEquals(0, unanswered.get(), "the two parents were read side by side");
        // That start records round 1's aggregate on its own thread; the step below would race it
        // (and read the round again after a refused record), so it waits for the record.
        assertEquals(StartWeights.Check.RECORDED, sideBySide.settled().join().check());

        // A provider's step reads the model, its round, whether it joined it and the parents' views in one call.
        final List<CountingTransport> stepCalls = new java.util.ArrayList<>();
        final AtomicInteger acceptedListings = new AtomicInteger();
        assertTrue(provider(1, t -> counted(new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.LIST_UPDATES && args[0].contains(ACCEPTED)) {
                    acceptedListings.incrementAndGet();
                }
                return super.evaluate(tx, args);
            }
        }, stepCalls)).federatedStep(m.id()).isPresent());
        final CountingTransport step = stepCalls.get(0);
        assertEquals(1, step.calls(Tx.GET_PROVIDER_WORK), "one read of the step's start: " + step.byTransaction());
        assertEquals(0, step.calls(Tx.GET_MODEL) + step.calls(Tx.GET_UPDATE) + acceptedListings.get(), "the model and the parents came with it");
        assertEquals(1, step.calls(Tx.GET_ROUND), "only the previous round, read to record or verify its aggregate: " + step.byTransaction());
        assertEquals(0, step.calls(Tx.RECORD_AGGREGATE), "round 1's aggregate was recorded: the step verified it");
        assertTrue(provider(1, t -> t).federatedStep(m.id()).isEmpty(), "the provider joined round 2 already: its newest update says so");
    }

    /**
     * A member one submission short of a due set (the last may be its own, which its work never
     * lists) learns the round's count with its work, from the same state: no listing of the round.
     */
    @Test
    void aMemberOneShortOfADueSetReadsOnlyItsWork() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("short", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        COMMITTEE.forEach(name -> member(name, new java.util.ArrayList<>()).reviewModel(m));
        assertTrue(provider(0, t -> t).federatedStep(m.id()).isPresent());
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        member(COMMITTEE.get(0), calls).scorePending(m.id());
        assertEquals(1, calls.get(0).calls(Tx.GET_MEMBER_WORK), calls.get(0).byTransaction().toString());
        assertEquals(0, calls.get(0).calls(Tx.LIST_UPDATES) + calls.get(0).calls(Tx.START_SCORING), "one short: " + calls.get(0).byTransaction());
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status(), "one of two submitted: still open");
    }

    @Test
    void aRoundsStartReadsTheUpdatesThePreviousRoundAcceptedInOneListing() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = inRoundTwo(publisher, "listing");
        final ModelView open = publisher.ledger().getModel(m.id());
        final List<String> parents = publisher.ledger().getRound(m.id(), 2).parents();
        assertEquals(2, parents.size());
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        final Aggregates listing = new Aggregates(net.participant(PROVIDERS.get(0), t -> counted(t, calls), net.store()), line -> { });
        final float[] listed = listing.beginRound(ModelContext.of(open), publisher.ledger().getRound(m.id(), 2)).weights();
        assertEquals(0, calls.get(0).calls(Tx.GET_UPDATE), "no parent read on its own");
        assertEquals(1, calls.get(0).calls(Tx.LIST_UPDATES), "one listing of round 1's accepted updates");
        // The same start from the parents read one by one, bit for bit.
        assertArrayEquals(new Aggregates(net.participant(PROVIDERS.get(1)), line -> { }).aggregate(ModelContext.of(open), parents), listed);
        // Parents that are not what the round accepted are read one by one.
        calls.clear();
        final Aggregates other = new Aggregates(net.participant(PROVIDERS.get(1), t -> counted(t, calls), net.store()), line -> { });
        other.aggregate(ModelContext.of(open), parents, 2);
        assertEquals(2, calls.get(0).calls(Tx.GET_UPDATE), "round 2 accepted nothing yet: each parent read");
    }

    @Test
    void aRoundsStartIsReadyBeforeThePreviousRoundIsReadToRecordOrVerifyItsAggregate() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = inRoundTwo(publisher, "settle");
        final ModelView open = publisher.ledger().getModel(m.id());

        // Round 1, which says whether its aggregate is recorded, is answered only once the start is in hand.
        final CountDownLatch startInHand = new CountDownLatch(1);
        final UnaryOperator<LedgerTransport> held = t -> new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.GET_ROUND && "1".equals(args[1])) {
                    try {
                        startInHand.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.evaluate(tx, args);
            }
        };
        final Aggregates.RoundStart start = new Aggregates(net.participant(PROVIDERS.get(0), held, net.store()), line -> { })
                .beginRound(ModelContext.of(open), publisher.ledger().getRound(m.id(), 2));
        assertFalse(start.settled().isDone(), "the start came back before its record was read");
        startInHand.countDown();
        assertEquals(StartWeights.Check.RECORDED, start.settled().join().check());
        assertArrayEquals(start.weights(), start.settled().join().weights());
        assertEquals(StartWeights.Check.VERIFIED, new Aggregates(net.participant(PROVIDERS.get(1)), line -> { })
                .beginRound(ModelContext.of(open), publisher.ledger().getRound(m.id(), 2)).settled().join().check(), "the second verifies it");
    }

    @Test
    void providersSharingAMachineAggregateTheirStartsInTurnAndTheFirstToTrainAloneRecordsIt() throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = inRoundTwo(publisher, "turns");

        final SharedMachine machine = SharedMachine.shared();
        final AtomicInteger records = new AtomicInteger();
        final AtomicInteger readOutOfTurn = new AtomicInteger();
        final CountDownLatch recorded = new CountDownLatch(1);
        // A record takes a block on the network: here it waits (a second at most) for the other
        // provider to read round 1 too, which it does only if it reads before its training turn.
        final CountDownLatch bothRead = new CountDownLatch(2);
        final UnaryOperator<LedgerTransport> watched = t -> new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.GET_UPDATE && !((java.util.concurrent.locks.ReentrantLock) machine.starting()).isLocked()) {
                    readOutOfTurn.incrementAndGet();
                }
                if (tx == Tx.GET_ROUND && "1".equals(args[1])) {
                    bothRead.countDown();
                }
                return super.evaluate(tx, args);
            }

            @Override
            public byte[] submit(final Tx tx, final String... args) {
                if (tx == Tx.RECORD_AGGREGATE) {
                    records.incrementAndGet();
                    try {
                        bothRead.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                final byte[] out = super.submit(tx, args);
                if (tx == Tx.RECORD_AGGREGATE) {
                    recorded.countDown();
                }
                return out;
            }
        };
        // Whoever trains first holds its turn until the record is in, so the second's turn comes after it.
        final TrainingListener untilRecorded = new TrainingListener() {
            @Override
            public void epochStarted(final int epoch, final int epochs, final int batches) {
                try {
                    recorded.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        final java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            final List<java.util.concurrent.Future<java.util.Optional<ProviderWorkflow.Outcome>>> steps = new java.util.ArrayList<>();
            for (int i = 0; i < PROVIDERS.size(); i++) {
                final ProviderWorkflow p = provider(i, watched, untilRecorded, machine);
                steps.add(both.submit(() -> p.federatedStep(m.id())));
            }
            final java.util.Set<StartWeights.Check> checks = new java.util.HashSet<>();
            for (var step : steps) {
                checks.add(step.get(60, TimeUnit.SECONDS).orElseThrow().start().check());
            }
            assertEquals(java.util.Set.of(StartWeights.Check.RECORDED, StartWeights.Check.VERIFIED), checks);
        } finally {
            both.shutdownNow();
        }
        assertEquals(1, records.get(), "one RecordAggregate sent: the second provider read round 1 when its turn came, after the record");
        assertEquals(0, readOutOfTurn.get(), "the parents were read within a starting turn");
    }

    @Test
    void aMembersPassOverAnOpenRoundReadsItOnceAndCountsItsSubmissionsFromWhatIsLeftToScore() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("open", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 3, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        final List<CommitteeWorkflow> members = COMMITTEE.stream().map(name -> member(name, calls)).toList();
        members.forEach(w -> w.reviewModel(m));
        assertTrue(provider(0, t -> t).federatedStep(m.id()).isPresent());

        calls.clear();
        final CommitteeWorkflow first = member(COMMITTEE.get(0), calls);
        assertTrue(first.scorePending(publisher.ledger().getModel(m.id())).isEmpty(), "one of three submissions: nothing to score yet");
        assertEquals(1, calls.get(0).calls(Tx.GET_MEMBER_WORK), "the open round came with the member's work");
        assertEquals(0, calls.get(0).calls(Tx.GET_ROUND), "and is not read again for its update");
        assertEquals(0, calls.get(0).calls(Tx.LIST_UPDATES), "one submission of three cannot make the round due: not read");
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status());

        calls.clear();
        final CommitteeWorkflow second = member(COMMITTEE.get(1), calls);
        assertTrue(new CommitteeService(second, second.participant().ledger().events(), CommitteeService.Scope.models(() -> List.of(m.id()))).pass()
                .isEmpty());
        assertEquals(1, calls.get(0).calls(), "a service's pass over one model with nothing to score yet is one call: " + calls.get(0).byTransaction());
    }

    @Test
    void aMemberFixesARoundCompletedByASubmissionThatDidNotAskWithoutListingItsSubmissions() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("race", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        COMMITTEE.stream().map(name -> member(name, calls)).forEach(w -> w.reviewModel(m));
        // Neither submission asks to fix the set (as an older client's), and neither provider
        // starts its scoring after committing (each reads the round as empty).
        final UnaryOperator<LedgerTransport> racing = t -> new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                return tx == Tx.LIST_UPDATES ? EMPTY_PAGE : super.evaluate(tx, args);
            }

            @Override
            public byte[] submit(final Tx tx, final String... args) {
                return tx == Tx.SUBMIT_UPDATE ? super.submit(tx, args[0].replace(",\"startScoring\":true", "")) : super.submit(tx, args);
            }
        };
        for (int i = 0; i < PROVIDERS.size(); i++) {
            assertTrue(provider(i, racing).federatedStep(m.id()).isPresent());
        }
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status(), "no submission fixed the set");

        calls.clear();
        final CommitteeWorkflow first = member(COMMITTEE.get(0), calls);
        assertEquals(2, first.scorePending(publisher.ledger().getModel(m.id())).size(), "the member fixed the set and scored it in one pass");
        assertEquals(1, calls.get(0).calls(Tx.START_SCORING));
        assertEquals(0, calls.get(0).calls(Tx.LIST_UPDATES), "both submissions were in what it had left to score");
        assertEquals(1, calls.get(0).calls(Tx.SUBMIT_SCORES), "one batch for the whole set");
    }

    @Test
    void theLastSubmissionAsksToFixTheSetEvenWhenItReadsTheOneBeforeItNotYetIn() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("last", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        COMMITTEE.stream().map(name -> member(name, new java.util.ArrayList<>())).forEach(w -> w.reviewModel(m));
        assertTrue(provider(0, t -> t).federatedStep(m.id()).isPresent());
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status(), "the first of two asked, but did not complete the set");
        // The second reads the round before the first committed, as the last two race on the network.
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        final UnaryOperator<LedgerTransport> early = t -> counted(new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                return tx == Tx.LIST_UPDATES ? EMPTY_PAGE : super.evaluate(tx, args);
            }
        }, calls);
        assertTrue(provider(1, early).federatedStep(m.id()).isPresent());
        assertEquals(RoundStatus.SCORING, publisher.ledger().getRound(m.id(), 1).status(), "the last submission fixed the set");
        assertEquals(0, calls.get(0).calls(Tx.START_SCORING), "no StartScoring a block later");
    }

    @Test
    void whetherASubmissionMayCompleteTheSetIsReadWhileItsWeightsUpload() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("upload", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        COMMITTEE.stream().map(name -> member(name, new java.util.ArrayList<>())).forEach(w -> w.reviewModel(m));
        // The upload of the trained weights and the read of the round's pending submissions are
        // answered only once both are under way: one after the other, the first waits alone.
        final CountDownLatch both = new CountDownLatch(2);
        final AtomicInteger unanswered = new AtomicInteger();
        final Runnable meet = () -> {
            both.countDown();
            try {
                if (!both.await(5, TimeUnit.SECONDS)) {
                    unanswered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        final UnaryOperator<LedgerTransport> pendingRead = t -> new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (tx == Tx.LIST_UPDATES && args[0].contains("\"status\":\"" + dln.api.UpdateStatus.PENDING.wire() + "\"")) {
                    meet.run();
                }
                return super.evaluate(tx, args);
            }
        };
        final dln.core.storage.ContentStore upload = new dln.core.storage.ContentStore() {
            @Override
            public String add(final java.nio.file.Path file, final dln.ipfs.TransferListener progress) throws IOException {
                meet.run();
                return net.store().add(file, progress);
            }

            @Override
            public String add(final byte[] bytes) throws IOException {
                return net.store().add(bytes);
            }

            @Override
            public java.io.InputStream cat(final String cid) throws IOException {
                return net.store().cat(cid);
            }
        };
        final int n = train.size() / PROVIDERS.size();
        final ProviderWorkflow provider = new ProviderWorkflow(net.participant(PROVIDERS.get(0), pendingRead, upload),
                train.subset(java.util.stream.IntStream.range(0, n).toArray()), MLP.training(), Adversary.honest(), 7, new TrainingListener() { },
                line -> { });
        assertTrue(provider.federatedStep(m.id()).isPresent());
        assertEquals(0, unanswered.get(), "the read and the upload were under way at once");
        assertTrue(provider(1, t -> t).federatedStep(m.id()).isPresent());
        assertEquals(RoundStatus.SCORING, publisher.ledger().getRound(m.id(), 1).status(), "the last submission still fixed the set");
    }

    @Test
    void membersSharingAMachineMeasureARoundInTurnOnItsCores() throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("cores", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        // One core: the permit's holders are counted; the most at once must be one.
        final AtomicInteger holding = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger taken = new AtomicInteger();
        final java.util.concurrent.Semaphore core = new java.util.concurrent.Semaphore(1, true) {
            @Override
            public void acquireUninterruptibly() {
                super.acquireUninterruptibly();
                taken.incrementAndGet();
                most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100); // long enough for the other member to arrive while this one measures
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void release() {
                holding.decrementAndGet();
                super.release();
            }
        };
        final List<CommitteeWorkflow> two = COMMITTEE.subList(0, 2).stream()
                .map(name -> new CommitteeWorkflow(net.participant(name), net.identity(name).key(), SanityLimits.DEFAULT, line -> { },
                        java.time.Clock.systemUTC(), core)).toList();
        two.forEach(w -> w.reviewModel(m));
        member(COMMITTEE.get(2), new java.util.ArrayList<>()).reviewModel(m);
        for (int i = 0; i < 2; i++) {
            assertTrue(provider(i, t -> t).federatedStep(m.id()).isPresent());
        }
        assertEquals(RoundStatus.SCORING, publisher.ledger().getRound(m.id(), 1).status());
        final java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            final List<java.util.concurrent.Future<List<dln.core.protocol.UpdateReview>>> passes = two.stream()
                    .map(w -> side.submit(() -> w.scorePending(m.id()))).toList();
            for (final var pass : passes) {
                assertEquals(2, pass.get(60, TimeUnit.SECONDS).size(), "each member scored the whole set");
            }
        } finally {
            side.shutdownNow();
        }
        assertEquals(2, taken.get(), "each member's measurement took the core");
        assertEquals(1, most.get(), "one at a time on one core");
        assertEquals(2, publisher.ledger().getModel(m.id()).currentRound(), "their scores closed the round");
    }

    @Test
    void aMemberWhoseBatchCameAfterTheQuorumClosedTheRoundSendsNoScoreAlone() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("late", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CountingTransport> calls = new java.util.ArrayList<>();
        final List<CommitteeWorkflow> quorum = COMMITTEE.subList(0, 2).stream().map(name -> member(name, calls)).toList();
        // The third member's batch goes out only once the other two have decided the round.
        final UnaryOperator<LedgerTransport> late = t -> new ForwardingTransport(t) {
            @Override
            public byte[] submit(final Tx tx, final String... args) {
                if (tx == Tx.SUBMIT_SCORES) {
                    quorum.forEach(w -> w.scorePending(m.id()));
                }
                return super.submit(tx, args);
            }
        };
        final List<CountingTransport> lateCalls = new java.util.ArrayList<>();
        final CommitteeWorkflow third = new CommitteeWorkflow(net.participant(COMMITTEE.get(2), t -> counted(late.apply(t), lateCalls), net.store()),
                net.identity(COMMITTEE.get(2)).key(), SanityLimits.DEFAULT, line -> { });
        quorum.forEach(w -> w.reviewModel(m));
        third.reviewModel(m);
        for (int i = 0; i < PROVIDERS.size(); i++) {
            assertTrue(provider(i, t -> t).federatedStep(m.id()).isPresent());
        }
        assertTrue(third.scorePending(m.id()).isEmpty(), "the quorum decided every update first");
        assertEquals(2, publisher.ledger().getModel(m.id()).currentRound(), "the quorum closed round 1");
        assertEquals(1, lateCalls.get(0).calls(Tx.SUBMIT_SCORES), "the late batch was sent once, and refused");
        assertEquals(0, lateCalls.get(0).calls(Tx.SUBMIT_SCORE), "nothing left to score: no score sent alone to be refused");
    }

    private static CountingTransport counted(final LedgerTransport t, final List<CountingTransport> into) {
        final CountingTransport c = new CountingTransport(t);
        into.add(c);
        return c;
    }

    private CommitteeWorkflow member(final String name, final List<CountingTransport> calls) {
        final Participant p = net.participant(name, t -> counted(t, calls), net.store());
        return new CommitteeWorkflow(p, net.identity(name).key(), SanityLimits.DEFAULT, line -> { });
    }

    private ProviderWorkflow provider(final int i, final UnaryOperator<LedgerTransport> wrap) {
        return provider(i, wrap, new TrainingListener() { }, SharedMachine.own());
    }

    private ProviderWorkflow provider(final int i, final UnaryOperator<LedgerTransport> wrap, final TrainingListener progress,
            final SharedMachine machine) {
        final int n = train.size() / PROVIDERS.size();
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i), wrap, net.store()),
                train.subset(java.util.stream.IntStream.range(i * n, (i + 1) * n).toArray()), MLP.training(), Adversary.honest(), 7 + i,
                progress, line -> { }, machine);
    }

    /**
     * A transport whose first two calls that {@code meets} holds each wait (up to 30 s) until
     * both are under way: they are answered only when made side by side; a call left waiting
     * alone counts in {@code unanswered}.
     */
    private static UnaryOperator<LedgerTransport> rendezvous(final java.util.function.Predicate<Tx> meets, final AtomicInteger unanswered) {
        final CountDownLatch both = new CountDownLatch(2);
        return t -> new ForwardingTransport(t) {
            @Override
            public byte[] evaluate(final Tx tx, final String... args) {
                if (meets.test(tx)) {
                    both.countDown();
                    try {
                        if (!both.await(30, TimeUnit.SECONDS)) {
                            unanswered.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.evaluate(tx, args);
            }
        };
    }

    /** A federated model published as {@code name}, its first round submitted by every provider and decided: round 2 is open. */
    private ModelView inRoundTwo(final Participant publisher, final String name) {
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest(name, MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CommitteeWorkflow> members = COMMITTEE.stream().map(member -> member(member, new java.util.ArrayList<>())).toList();
        members.forEach(w -> w.reviewModel(m));
        for (int i = 0; i < PROVIDERS.size(); i++) {
            assertTrue(provider(i, t -> t).federatedStep(m.id()).isPresent());
        }
        for (int pass = 0; pass < 3 && publisher.ledger().getModel(m.id()).currentRound() == 1; pass++) {
            members.forEach(w -> w.scorePending(m.id()));
        }
        assertEquals(2, publisher.ledger().getModel(m.id()).currentRound());
        return m;
    }
}

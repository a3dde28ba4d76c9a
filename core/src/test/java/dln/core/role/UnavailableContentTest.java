package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.ModelStatus;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
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
import dln.core.storage.ContentStore;
import dln.core.storage.ForwardingStore;
import dln.core.training.TrainingListener;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider uploads its weights, submits, and dies before the content reaches anyone else: the
 * committee cannot fetch it. That is no verdict: members retry on every pass and, past their
 * patience, record the score unavailable; under the default abstain policy the update is then
 * stranded, the round closes on the other provider's decided update, and the stranded one expires.
 */
class UnavailableContentTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(11, 1_200, 600);
        train = data.train();
        validation = data.validation();
    }

    private final TestClock clock = new TestClock();
    // The ledger records times from the same clock: a member's patience runs from the update's submission.
    private final Consortium net = new Consortium(clock::instant);
    // Content the members' IPFS cannot find (the first member) or reach (the others).
    private final Set<String> withheld = ConcurrentHashMap.newKeySet();
    private final AtomicInteger misses = new AtomicInteger();

    @Test
    void aMemberThatCannotFetchAnUpdateRetriesThenRecordsItUnavailableAndTheRoundClosesWithoutIt() throws Exception {
        final String model = publishAndOpen();
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        final UpdateView good = provider(0).contributeOnce(model).orElseThrow().update();
        final UpdateView gone = provider(1).contributeOnce(model).orElseThrow().update();
        withheld.add(gone.weightsCid());

        passAll(members);
        assertEquals(UpdateStatus.ACCEPTED, ledger().getUpdate(good.id()).status(), "the fetchable update is decided at once");
        assertTrue(ledger().getScores(gone.id()).isEmpty(), "nobody scores what it could not fetch: no zero for an outage");
        assertTrue(ledger().getRound(model, 1).open(), "the round waits: the update may still come");
        final int firstMisses = misses.get();
        assertTrue(firstMisses >= COMMITTEE.size(), "every member tried");

        clock.advance(PATIENCE.minusSeconds(1));
        final List<UpdateReview> early = passAll(members);
        assertTrue(early.isEmpty(), "still within the patience: " + early);
        assertTrue(misses.get() > firstMisses, "each pass fetches again");
        assertTrue(ledger().getScores(gone.id()).isEmpty());

        clock.advance(Duration.ofSeconds(1));
        final List<UpdateReview> late = passAll(members);
        assertTrue(late.stream().allMatch(r -> r.unavailable() && r.updateId().equals(gone.id())), "only unavailable reviews: " + late);
        final List<ScoreView> scores = ledger().getScores(gone.id());
        assertEquals(2, scores.size(), "the second unavailable score strands the update: the third member finds it expired");
        assertTrue(scores.stream().allMatch(s -> s.unavailable() && s.value() == 0.0 && s.reason().contains("unavailable for 600 s")), "" + scores);
        assertEquals(UpdateStatus.EXPIRED, ledger().getUpdate(gone.id()).status());
        final RoundView round = ledger().getRound(model, 1);
        assertFalse(round.open());
        assertEquals(List.of(good.id()), round.accepted());
    }

    @Test
    void aRestartedMemberKeepsThePatienceItHadAlreadySpent() throws Exception {
        final String model = publishAndOpen("reject");
        final UpdateView gone = provider(0).contributeOnce(model).orElseThrow().update();
        withheld.add(gone.weightsCid());
        passAll(COMMITTEE.stream().map(this::committee).toList());
        clock.advance(PATIENCE.minusSeconds(30));
        assertTrue(passAll(COMMITTEE.stream().map(this::committee).toList()).isEmpty(), "restarted within the patience: still waiting");
        // A second past the patience: the ledger made each transaction's time strictly later than the one before.
        clock.advance(Duration.ofSeconds(31));
        // The members crash and restart: new processes, no memory of their first failures.
        final List<UpdateReview> afterRestart = passAll(COMMITTEE.stream().map(this::committee).toList());
        assertTrue(!afterRestart.isEmpty() && afterRestart.stream().allMatch(r -> r.unavailable() && r.updateId().equals(gone.id())),
                "the patience ran from the submission on the ledger, not from the restart: " + afterRestart);
        assertEquals(UpdateStatus.REJECTED, ledger().getUpdate(gone.id()).status());
    }

    @Test
    void underTheRejectPolicyAQuorumOfUnavailableScoresRejectsTheUpdate() throws Exception {
        final String model = publishAndOpen("reject");
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        final UpdateView good = provider(0).contributeOnce(model).orElseThrow().update();
        final UpdateView gone = provider(1).contributeOnce(model).orElseThrow().update();
        withheld.add(gone.weightsCid());
        passAll(members);
        assertEquals(UpdateStatus.PENDING, ledger().getUpdate(gone.id()).status(), "no verdict within the patience, even under reject");
        clock.advance(PATIENCE);
        passAll(members);
        final UpdateView decided = ledger().getUpdate(gone.id());
        assertEquals(UpdateStatus.REJECTED, decided.status());
        assertEquals(null, decided.score(), "nobody evaluated it");
        final RoundView round = ledger().getRound(model, 1);
        assertFalse(round.open(), "every update of the round is decided");
        assertEquals(List.of(good.id()), round.accepted());
    }

    @Test
    void contentThatComesBackWithinThePatienceIsScoredNormally() throws Exception {
        final String model = publishAndOpen();
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        final UpdateView late = provider(0).contributeOnce(model).orElseThrow().update();
        withheld.add(late.weightsCid());
        passAll(members);
        assertTrue(ledger().getScores(late.id()).isEmpty());
        clock.advance(Duration.ofMinutes(5));
        withheld.clear(); // the provider's node came back
        passAll(members);
        assertEquals(UpdateStatus.ACCEPTED, ledger().getUpdate(late.id()).status());
        assertTrue(ledger().getScores(late.id()).stream().noneMatch(ScoreView::unavailable));
    }

    @Test
    void aPassAsksForWhatItCannotFetchOnceAndForAllOfItAtOnce() throws Exception {
        // Content no node provides costs Kubo's find timeout (15 s): a member that asked for a
        // backlog of it one file after another, and again for each measurement of the round, held
        // every model it serves for 15 s each (307 s in ./dln bench chaos, 2026-12-07).
        final String model = publishRoundOfThree("backlog");
        final Meeting meeting = new Meeting(net.store(), withheld);
        final List<CommitteeService> members = COMMITTEE.stream().map(m -> committee(m, meeting)).toList();
        passAll(members);
        assertEquals(ModelStatus.OPEN, ledger().getModel(model).status());
        final List<UpdateView> submitted = submitThree(model);
        withheld.add(submitted.get(1).weightsCid());
        withheld.add(submitted.get(2).weightsCid());
        assertEquals(dln.api.RoundStatus.SCORING, ledger().getRound(model, 1).status(), "the third submission fixed the set");

        final CommitteeService member = members.get(0);
        assertEquals(List.of(submitted.get(0).id()), member.pass().stream().map(UpdateReview::updateId).toList(),
                "the fetchable update is scored (measured among what the member could fetch); the missing ones wait out the patience");
        assertEquals(2, meeting.mostAtOnce.get(), "the two missing files were asked for side by side");
        assertEquals(java.util.Map.of(submitted.get(1).weightsCid(), 1, submitted.get(2).weightsCid(), 1), meeting.askedFor(),
                "each missing file asked for once in the pass: not again by the review, the round's measurement or the next update");
        member.pass();
        assertEquals(java.util.Map.of(submitted.get(1).weightsCid(), 2, submitted.get(2).weightsCid(), 2), meeting.askedFor(),
                "the next pass asks afresh: the content may have come");
    }

    @Test
    void aRoundIsMeasuredOnlyOnceItsWholeSetIsFetched() throws Exception {
        // What an update adds is measured against the round's whole set: a file still being looked
        // for is no verdict, so the member waits for it (in the background) rather than measure
        // the others without it and score them on a smaller set.
        final String model = publishRoundOfThree("late");
        passAll(COMMITTEE.stream().map(this::committee).toList());
        final java.util.concurrent.CountDownLatch comes = new java.util.concurrent.CountDownLatch(1);
        final CommitteeService member = committee(COMMITTEE.get(0), new Late(net.store(), withheld, comes));
        final List<UpdateView> submitted = submitThree(model);
        final List<String> ids = submitted.stream().map(UpdateView::id).toList();
        withheld.add(submitted.get(2).weightsCid());
        assertEquals(dln.api.RoundStatus.SCORING, ledger().getRound(model, 1).status());

        assertTrue(member.pass().isEmpty(), "no score while a file of the set is still looked for");
        assertEquals(0, scoresBy(COMMITTEE.get(0), ids));
        withheld.clear();
        comes.countDown();
        final long until = System.nanoTime() + 15_000_000_000L;
        while (member.member().fetching() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(java.util.Set.copyOf(ids), member.pass().stream().map(UpdateReview::updateId).collect(java.util.stream.Collectors.toSet()),
                "the whole set measured and scored once it came");
        assertTrue(ledger().getScores(ids.get(0)).stream().allMatch(sc -> sc.contribution() != null), "contributions recorded");
    }

    @Test
    void onePassAsksForWhatEveryModelCannotFetchAtOnce() throws Exception {
        // A member serves every model naming it: two models' missing files cost its pass one find timeout, not one each.
        final Meeting meeting = new Meeting(net.store(), withheld);
        final String first = publishAndOpen();
        final String second = publishAndOpen();
        final CommitteeService member = committee(COMMITTEE.get(0), meeting);
        final UpdateView gone1 = provider(0).contributeOnce(first).orElseThrow().update();
        final UpdateView gone2 = provider(1).contributeOnce(second).orElseThrow().update();
        withheld.add(gone1.weightsCid());
        withheld.add(gone2.weightsCid());

        assertTrue(member.pass().isEmpty(), "nothing to score: both missing, within the patience");
        assertEquals(2, meeting.mostAtOnce.get(), "the two models' missing files were asked for side by side");
        assertEquals(java.util.Map.of(gone1.weightsCid(), 1, gone2.weightsCid(), 1), meeting.askedFor(), "each once in the pass");
    }

    @Test
    void aLongBacklogIsScoredAsThePassGoesAndLeavesTheRestToTheNextPass() throws Exception {
        // 40 gossip updates whose content no node provides, past the patience: one pass fetched all
        // of them before recording anything, and held the member's other models until it ended.
        final Participant publisher = net.participant("org1/User1");
        final ModelView model = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("backlog", MLP, "accuracy",
                "gossip", "fedavg", 2, 0.5, "median", COMMITTEE, validation, 1, 3600, 2, "abstain"));
        final Meeting meeting = new Meeting(net.store(), withheld);
        final dln.api.CountingTransport[] sent = new dln.api.CountingTransport[1];
        final CommitteeService member = committee(COMMITTEE.get(0), meeting, t -> sent[0] = new dln.api.CountingTransport(t));
        for (String m : COMMITTEE) {
            committee(m).pass();
        }
        // Another model the member serves, opened before the backlog exists (its members' passes would score it).
        final String other = publishAndOpen();
        final dln.api.DlnLedger provider = net.participant(PROVIDERS.get(0)).ledger();
        final java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 40; i++) {
            final String cid = dln.core.storage.WeightStore.cidOf(publisher.ledger().getModel(model.id()).architectureHash(),
                    new float[] {random.nextFloat(), i});
            withheld.add(cid);
            provider.submitUpdate(model.id(), cid, List.of(UpdateView.INITIAL), 0, 100, 1000, model.recipeHash());
        }
        // Past the patience for every one (the ledger makes each transaction's time later than the one before).
        clock.advance(PATIENCE.plusMinutes(1));
        // The other model's round, with an update the member can fetch: not held up by the backlog.
        final UpdateView fetchable = provider(1).contributeOnce(other).orElseThrow().update();

        final long scoresBefore = sent[0].calls(dln.api.Tx.SUBMIT_SCORES);
        final List<UpdateReview> all = member.pass();
        // The slice's unavailable scores in one transaction (they were one each, a block each in turn).
        assertEquals(0, sent[0].calls(dln.api.Tx.SUBMIT_SCORE), "no score alone");
        assertEquals(scoresBefore + 2, sent[0].calls(dln.api.Tx.SUBMIT_SCORES), "one batch a model: the backlog's slice, the other model's round");
        assertTrue(all.stream().anyMatch(r -> r.updateId().equals(fetchable.id()) && !r.unavailable()), "the other model's update is scored: " + all);
        final List<UpdateReview> first = all.stream().filter(r -> !r.updateId().equals(fetchable.id())).toList();
        assertTrue(first.stream().allMatch(UpdateReview::unavailable), "" + first);
        final int asked = meeting.askedFor().size();
        assertTrue(first.size() >= 8 && first.size() < 40, "a pass records what it fetched and stops after a slice or two: " + first.size());
        assertEquals(first.size(), asked, "each file it asked for recorded unavailable in the same pass");
        assertTrue(meeting.mostAtOnce.get() <= 8, "at most 8 at once: " + meeting.mostAtOnce.get());
        int passes = 1;
        int recorded = first.size();
        while (recorded < 40 && passes < 10) {
            recorded += member.pass().size();
            passes++;
        }
        assertEquals(40, recorded, "the next passes take up the rest");
        assertEquals(scoresBefore + 1 + passes, sent[0].calls(dln.api.Tx.SUBMIT_SCORES), "one batch a pass");
        assertEquals(0, sent[0].calls(dln.api.Tx.SUBMIT_SCORE), "no score alone");
        assertTrue(meeting.askedFor().values().stream().allMatch(n -> n == 1), "each file asked for once: " + meeting.askedFor());
    }

    @Test
    void aPassDoesNotWaitForContentStillLookedForAndTheMemberWakesWhenItComes() throws Exception {
        // Kubo looks for content no node provides until its find timeout (15 s); a pass that waited
        // held every round of every model its member serves for it, up to two find timeouts a pass
        // while a backlog lasted (./dln bench chaos, 2026-12-07).
        final String slowModel = publishAndOpen();
        final String liveModel = publishAndOpen();
        final java.util.concurrent.CountDownLatch comes = new java.util.concurrent.CountDownLatch(1);
        final Late late = new Late(net.store(), withheld, comes);
        final CommitteeService member = committee(COMMITTEE.get(0), late);
        final UpdateView slow = provider(0).contributeOnce(slowModel).orElseThrow().update();
        withheld.add(slow.weightsCid());
        final UpdateView live = provider(1).contributeOnce(liveModel).orElseThrow().update();

        final long t0 = System.nanoTime();
        final List<UpdateReview> first = member.pass();
        final double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of(live.id()), first.stream().map(UpdateReview::updateId).toList(), "the live model's update is scored at once");
        assertTrue(seconds < 10, "the pass waited " + seconds + " s for content still looked for (the store answers it after 20 s)");
        assertTrue(member.member().fetching(), "still looked for in the background");

        // Served as `committee serve` does, rechecking only every minute: the content's arrival wakes it.
        final List<UpdateReview> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final Thread serving = new Thread(() -> {
            try {
                member.serve(running::get, Duration.ofMinutes(1), served::add, e -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        serving.start();
        try {
            Thread.sleep(300);
            assertTrue(served.isEmpty(), "nothing to score before the content comes: " + served);
            withheld.remove(slow.weightsCid());
            comes.countDown();
            final long until = System.nanoTime() + 15_000_000_000L;
            while (served.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(List.of(slow.id()), served.stream().map(UpdateReview::updateId).toList(),
                    "scored once its content came, long before the minute's recheck");
            assertTrue(served.stream().noneMatch(UpdateReview::unavailable));
            assertEquals(1, late.asked().get(), "fetched once, in the background: the later passes did not ask again");
        } finally {
            running.set(false);
            serving.interrupt();
            serving.join(10_000);
        }
    }

    @Test
    void oneModelsFailureDoesNotHoldTheOthers() throws Exception {
        // A model whose fragment for this member is garbage (a publisher's fault, found when the
        // member restarts and fetches it again) fails on every pass; the models after it in the
        // pass must still be scored, not held for as long as it fails.
        final String stuck = publishAndOpen();
        final String live = publishAndOpen();
        provider(0).contributeOnce(stuck).orElseThrow();
        // The live model has more to do, so the pass (least to do first) reaches it after the stuck one.
        final UpdateView a = provider(0).contributeOnce(live).orElseThrow().update();
        final UpdateView b = provider(1).contributeOnce(live).orElseThrow().update();
        final String fragment = ledger().getModel(stuck).member(net.participant(COMMITTEE.get(0)).identity()).orElseThrow().fragment().cid();
        final CommitteeService restarted = committee(COMMITTEE.get(0), new ForwardingStore() {
            @Override
            public ContentStore inner() {
                return net.store();
            }

            @Override
            public InputStream cat(final String cid) throws IOException {
                return cid.equals(fragment) ? new java.io.ByteArrayInputStream(new byte[512]) : net.store().cat(cid);
            }
        });

        final CommitteeWorkflow.PassFailed failed = org.junit.jupiter.api.Assertions.assertThrows(CommitteeWorkflow.PassFailed.class, restarted::pass);
        assertTrue(failed.getMessage().startsWith("model " + stuck + ": "), "names the model that failed: " + failed.getMessage());
        assertEquals(Set.of(a.id(), b.id()), failed.done().stream().map(UpdateReview::updateId).collect(java.util.stream.Collectors.toSet()),
                "the live model's updates were scored in the same pass");
        for (UpdateView u : List.of(a, b)) {
            assertEquals(1, ledger().getScores(u.id()).size(), "scored on the ledger: " + u.id());
        }
    }

    // ---- the consortium ----------------------------------------------------------------------

    /** A federated model under the contribution policy whose rounds' sets are fixed by three submissions (quorum 3). */
    private String publishRoundOfThree(final String name) throws Exception {
        final Participant publisher = net.participant("org1/User1");
        return new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest(name, MLP, "accuracy",
                "federated", "fedavg", 2, 0.5, "median", COMMITTEE, validation, 3, 3600, 3, "abstain")
                .with(dln.core.protocol.LearningPolicy.parse("contribution:3", "median_capped"))).id();
    }

    /** Three providers' updates to {@code model}'s open round, each trained on a third of the data. */
    private List<UpdateView> submitThree(final String model) throws InterruptedException {
        final List<String> three = List.of("org1/User3", "org2/User3", "org3/User3");
        final int n = train.size() / three.size();
        final List<UpdateView> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < three.size(); i++) {
            final ProviderWorkflow w = new ProviderWorkflow(net.participant(three.get(i)), TestData.range(train, i * n, (i + 1) * n),
                    MLP.training(), Adversary.honest(), 7 + i, new TrainingListener() { }, line -> { });
            submitted.add(new ProviderService(w, ledger().events(), Duration.ofMillis(50)).contributeOnce(model).orElseThrow().update());
        }
        return submitted;
    }

    private long scoresBy(final String member, final List<String> updates) {
        final dln.api.view.LedgerIdentity self = net.participant(member).identity();
        return updates.stream().flatMap(u -> ledger().getScores(u).stream()).filter(sc -> self.equals(sc.member())).count();
    }

    private List<UpdateReview> passAll(final List<CommitteeService> members) {
        return members.stream().flatMap(m -> m.pass().stream()).toList();
    }

    private String publishAndOpen() throws Exception {
        return publishAndOpen("abstain");
    }

    private String publishAndOpen(final String unavailable) throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("unavailable", MLP, "accuracy",
                "federated", "fedavg", 2, 0.5, "median", COMMITTEE, validation, 1, 3600, 2, unavailable));
        assertEquals(unavailable, m.acceptance().unavailable().wire());
        for (String member : COMMITTEE) {
            committee(member).pass();
        }
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());
        return m.id();
    }

    private CommitteeService committee(final String member) {
        final boolean notFound = member.equals(COMMITTEE.get(0));
        return committee(member, new Withholding(net.store(), withheld, misses, notFound));
    }

    private CommitteeService committee(final String member, final ContentStore content) {
        return committee(member, content, t -> t);
    }

    private CommitteeService committee(final String member, final ContentStore content,
                                       final java.util.function.UnaryOperator<dln.api.LedgerTransport> wrap) {
        final Participant p = net.participant(member, wrap, content);
        return new CommitteeService(new CommitteeWorkflow(p, net.identity(member).key(),
                SanityLimits.DEFAULT.withUnavailablePatience(PATIENCE), line -> { }, clock),
                ledger().events(), CommitteeService.Scope.everyModelNamingMe());
    }

    private ProviderService provider(final int i) {
        final int n = train.size() / PROVIDERS.size();
        final ProviderWorkflow w = new ProviderWorkflow(net.participant(PROVIDERS.get(i)), TestData.range(train, i * n, (i + 1) * n), MLP.training(),
                Adversary.honest(), 7 + i, new TrainingListener() { }, line -> { });
        return new ProviderService(w, ledger().events(), Duration.ofMillis(50));
    }

    private dln.api.DlnLedger ledger() {
        return net.participant("org1/User1").ledger();
    }


    /** A member's view of IPFS that cannot find (Kubo's find timeout) or cannot reach (Kubo down) some content. */
    private record Withholding(ContentStore inner, Set<String> withheld, AtomicInteger misses, boolean notFound) implements ForwardingStore {
        @Override
        public InputStream cat(final String cid) throws IOException {
            if (withheld.contains(cid)) {
                misses.incrementAndGet();
                if (notFound) {
                    throw new ContentNotFoundException("no provider of " + cid + " found within 15 s", dln.ipfs.cid.Cid.parse(cid), null);
                }
                throw new IpfsUnavailableException("Kubo at 127.0.0.1:5001 unreachable after 5 attempts", null);
            }
            return inner.cat(cid);
        }
    }

    /**
     * Content no node provides, as Kubo answers it after its find timeout: each ask waits until
     * another is in flight (at most 5 s), so asks made one after another never meet; counts the
     * asks per CID and the most in flight at once.
     */
    private record Meeting(ContentStore inner, Set<String> withheld, java.util.Map<String, AtomicInteger> asked, AtomicInteger inFlight,
                           AtomicInteger mostAtOnce) implements ForwardingStore {

        Meeting(final ContentStore inner, final Set<String> withheld) {
            this(inner, withheld, new ConcurrentHashMap<>(), new AtomicInteger(), new AtomicInteger());
        }

        java.util.Map<String, Integer> askedFor() {
            final java.util.Map<String, Integer> out = new java.util.HashMap<>();
            asked.forEach((cid, n) -> out.put(cid, n.get()));
            return out;
        }

        @Override
        public InputStream cat(final String cid) throws IOException {
            if (!withheld.contains(cid)) {
                return inner.cat(cid);
            }
            asked.computeIfAbsent(cid, k -> new AtomicInteger()).incrementAndGet();
            final int now = inFlight.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                final long until = System.nanoTime() + 5_000_000_000L;
                while (inFlight.get() < 2 && mostAtOnce.get() < 2 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            throw new ContentNotFoundException("no provider of " + cid + " found within 15 s", dln.ipfs.cid.Cid.parse(cid), null);
        }
    }

    /**
     * Content a node is still looking for: each ask of a withheld CID waits until it comes (or 20 s,
     * then not found, as Kubo after its find timeout), and is then served if no longer withheld.
     */
    private record Late(ContentStore inner, Set<String> withheld, java.util.concurrent.CountDownLatch comes, AtomicInteger asked)
            implements ForwardingStore {

        Late(final ContentStore inner, final Set<String> withheld, final java.util.concurrent.CountDownLatch comes) {
            this(inner, withheld, comes, new AtomicInteger());
        }

        @Override
        public InputStream cat(final String cid) throws IOException {
            if (withheld.contains(cid)) {
                asked.incrementAndGet();
                try {
                    comes.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (withheld.contains(cid)) {
                    throw new ContentNotFoundException("no provider of " + cid + " found within 15 s", dln.ipfs.cid.Cid.parse(cid), null);
                }
            }
            return inner.cat(cid);
        }
    }

    /** "Now" for the members' patience, moved by the test instead of by sleeping. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2027-01-04T09:00:00Z");

        void advance(final Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }
    }
}

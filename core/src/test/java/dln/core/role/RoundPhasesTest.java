package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.CountingTransport;
import dln.api.ModelStatus;
import dln.api.RoundStatus;
import dln.api.Tx;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
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
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A federated round under contribution acceptance, on the in-process ledger: the provider whose
 * update brings the round to its minimum fixes the set in its own SubmitUpdate, so no StartScoring
 * is sent and the committee's first pass after it scores; the next round starts from the verified
 * aggregate of what was accepted.
 */
class RoundPhasesTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(13);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();
    private final List<CountingTransport> calls = new CopyOnWriteArrayList<>();

    @Test
    void theUpdateThatCompletesARoundStartsItsScoringAndTheRoundsFollowOneAnother() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("phases", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 3, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CommitteeWorkflow> members = COMMITTEE.stream().map(this::member).toList();
        members.forEach(w -> w.reviewModel(m));
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());
        final List<ProviderWorkflow> providers = IntStream.range(0, PROVIDERS.size()).mapToObj(this::provider).toList();

        for (int round = 1; round <= 2; round++) {
            final List<UpdateView> submitted = new ArrayList<>();
            for (int i = 0; i < providers.size(); i++) {
                submitted.add(providers.get(i).federatedStep(m.id()).orElseThrow().update());
                final RoundView r = publisher.ledger().getRound(m.id(), round);
                if (i < providers.size() - 1) {
                    assertEquals(RoundStatus.OPEN, r.status(), "round " + round + ": " + (i + 1) + " of 3 updates, still open");
                    for (CommitteeWorkflow w : members) {
                        assertTrue(w.scorePending(m.id()).isEmpty(), "no score before the set is fixed");
                    }
                } else {
                    assertEquals(RoundStatus.SCORING, r.status(), "the third update fixed the set in its own transaction");
                    assertEquals(submitted.stream().map(UpdateView::id).sorted().toList(), r.scoring());
                }
            }
            // One pass per member: the set is fixed, so each measures it and sends its scores at once.
            members.forEach(w -> w.scorePending(m.id()));
            final RoundView closed = publisher.ledger().getRound(m.id(), round);
            assertFalse(closed.open(), "round " + round + " closed after one pass of each member");
            for (UpdateView u : submitted) {
                final UpdateStatus s = publisher.ledger().getUpdate(u.id()).status();
                assertTrue(s == UpdateStatus.ACCEPTED || s == UpdateStatus.REJECTED, u.id() + " " + s);
            }
            assertEquals(round + 1, publisher.ledger().getModel(m.id()).currentRound());
        }
        assertEquals(0, calls.stream().mapToLong(c -> c.calls(Tx.START_SCORING)).sum(), "no member needed StartScoring");
        final RoundView second = publisher.ledger().getRound(m.id(), 2);
        assertEquals(second.accepted().isEmpty() ? second.parents() : second.accepted(), publisher.ledger().getRound(m.id(), 3).parents(),
                "round 3 opened on round 2's result");
    }

    @Test
    void whenTheLastSubmissionsRacedWithoutAskingTheProviderThatSeesTheRoundCompleteStartsItsScoring() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("race", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 3, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        COMMITTEE.stream().map(this::member).forEach(w -> w.reviewModel(m));
        // Three of three: the first does not ask (it reads none in: 0 + 2 < 3); the third asks (it
        // reads one in), but its set is not complete at its commit, so nothing is fixed and it does
        // not look again.
        provider(0).federatedStep(m.id()).orElseThrow();
        final CountingTransport[] asker = new CountingTransport[1];
        final int n = train.size() / PROVIDERS.size();
        new ProviderWorkflow(net.participant(PROVIDERS.get(2), t -> asker[0] = new CountingTransport(t), net.store()),
                train.subset(IntStream.range(2 * n, 3 * n).toArray()), MLP.training(), Adversary.honest(), 9, new TrainingListener() { }, line -> { })
                .federatedStep(m.id()).orElseThrow();
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status(), "two of three in: still open");
        assertEquals(1, asker[0].calls(Tx.LIST_UPDATES), "the asking submission read the round's submissions once, before it");
        // The second read the round before the others committed (a race: it saw none in), so it
        // did not ask either; its submission completes the set, and it sees so after its commit.
        final boolean[] raced = new boolean[1];
        final CountingTransport[] last = new CountingTransport[1];
        final Participant racing = net.participant(PROVIDERS.get(1), t -> {
            last[0] = new CountingTransport(new dln.api.ForwardingTransport(t) {
                @Override
                public byte[] evaluate(final Tx tx, final String... args) {
                    if (tx == Tx.LIST_UPDATES && !raced[0]) {
                        raced[0] = true;
                        return "{\"items\":[],\"bookmark\":\"\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                    return super.evaluate(tx, args);
                }
            });
            return last[0];
        }, net.store());
        new ProviderWorkflow(racing, train.subset(IntStream.range(n, 2 * n).toArray()), MLP.training(), Adversary.honest(), 8,
                new TrainingListener() { }, line -> { }).federatedStep(m.id()).orElseThrow();
        assertEquals(RoundStatus.SCORING, publisher.ledger().getRound(m.id(), 1).status(), "the racing provider started the scoring itself");
        assertEquals(1, last[0].calls(Tx.START_SCORING));
        assertEquals(0, calls.stream().mapToLong(c -> c.calls(Tx.START_SCORING)).sum(), "no member needed StartScoring");
    }

    private CommitteeWorkflow member(final String name) {
        final Participant p = net.participant(name, t -> {
            final CountingTransport c = new CountingTransport(t);
            calls.add(c);
            return c;
        }, net.store());
        return new CommitteeWorkflow(p, net.identity(name).key(), SanityLimits.DEFAULT, line -> { });
    }

    private ProviderWorkflow provider(final int i) {
        final int n = train.size() / PROVIDERS.size();
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i)), train.subset(IntStream.range(i * n, (i + 1) * n).toArray()),
                MLP.training(), Adversary.honest(), 7 + i, new TrainingListener() { }, line -> { });
    }
}

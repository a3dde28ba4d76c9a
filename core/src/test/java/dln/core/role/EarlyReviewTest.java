package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.ModelStatus;
import dln.api.RoundStatus;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
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
import dln.core.storage.ContentStore;
import dln.core.storage.ForwardingStore;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Under contribution acceptance a round's updates are scored only once its set is fixed; a
 * member fetches and reviews each update as soon as it sees it, while the round still takes
 * submissions, so that fixing the set leaves only the leave-one-out measurement to do.
 */
class EarlyReviewTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(11);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();
    // Fetches of each CID by the members.
    private final Map<String, Integer> fetches = new ConcurrentHashMap<>();
    // The members' ledger calls.
    private final List<dln.api.CountingTransport> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void anUpdateIsFetchedAndReviewedWhileItsRoundTakesSubmissionsThenScoredWhenTheSetIsFixed() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("early", MLP, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(LearningPolicy.parse("contribution", "claimed")));
        final List<CommitteeWorkflow> members = COMMITTEE.stream().map(this::member).toList();
        members.forEach(w -> w.reviewModel(m));
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());

        final UpdateView first = provider(0).federatedStep(m.id()).orElseThrow().update();
        for (CommitteeWorkflow w : members) {
            assertTrue(w.scorePending(m.id()).isEmpty(), "no score before the set is fixed");
        }
        assertEquals(RoundStatus.OPEN, publisher.ledger().getRound(m.id(), 1).status(), "one of two updates: the round takes submissions");
        assertEquals(COMMITTEE.size(), fetches.getOrDefault(first.weightsCid(), 0), "each member fetched the first update as it saw it");

        final UpdateView second = provider(1).federatedStep(m.id()).orElseThrow().update();
        for (int pass = 0; pass < 3 && publisher.ledger().getModel(m.id()).currentRound() == 1; pass++) {
            members.forEach(w -> w.scorePending(m.id()));
        }
        assertFalse(publisher.ledger().getRound(m.id(), 1).open(), "the round closed");
        assertEquals(0, calls.stream().mapToLong(c -> c.calls(dln.api.Tx.GET_UPDATE)).sum(),
                "the members measured the set from the updates their passes listed, reading none again one by one");
        for (UpdateView u : List.of(first, second)) {
            final UpdateView decided = publisher.ledger().getUpdate(u.id());
            assertTrue(decided.status() == UpdateStatus.ACCEPTED || decided.status() == UpdateStatus.REJECTED, u.id() + " " + decided.status());
            assertTrue(publisher.ledger().getScores(u.id()).stream().allMatch(s -> s.contribution() != null), "scored with contributions");
        }
    }

    private CommitteeWorkflow member(final String name) {
        final Participant p = net.participant(name, t -> {
            final dln.api.CountingTransport c = new dln.api.CountingTransport(t);
            calls.add(c);
            return c;
        }, new Counting(net.store(), fetches));
        return new CommitteeWorkflow(p, net.identity(name).key(), SanityLimits.DEFAULT, line -> { });
    }

    private ProviderWorkflow provider(final int i) {
        final int n = train.size() / PROVIDERS.size();
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i)), train.subset(java.util.stream.IntStream.range(i * n, (i + 1) * n).toArray()),
                MLP.training(), Adversary.honest(), 7 + i, new TrainingListener() { }, line -> { });
    }

    /** A member's view of IPFS that counts what it fetches. */
    private record Counting(ContentStore inner, Map<String, Integer> fetches) implements ForwardingStore {
        @Override
        public InputStream cat(final String cid) throws IOException {
            fetches.merge(cid, 1, Integer::sum);
            return inner.cat(cid);
        }
    }
}

package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.CountingTransport;
import dln.api.DlnLedger;
import dln.api.LedgerTransport;
import dln.api.ModelStatus;
import dln.api.Tx;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.model.BuiltinModels;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.GossipParents;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Gossip parent choice and the committee's pass read the ledger in bounded pages: what they
 * cost does not grow with the model's DAG. The DAG is grown directly on the in-process ledger
 * (well-formed CIDs, two members' scores), so no training is needed.
 */
class BoundedReadsTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final String PROVIDER = "org1/User3";
    private static final String OTHER_PROVIDER = "org2/User3";
    private static final long SEED = 7;

    private final Consortium net = new Consortium();
    private int cids;

    @Test
    void aGossipStepReadsTheSameKeysWithTwentyOrTwoHundredAcceptedUpdates() throws Exception {
        final ModelView model = openGossipModel();
        // More than the window already: from there on the reads must not grow.
        grow(model.id(), 20);
        final Cost small = gossipChoiceCost(model);
        grow(model.id(), 180);
        final Cost large = gossipChoiceCost(model);
        assertEquals(2, small.calls(), "one page of the recent window, one key of the provider's own updates");
        assertEquals(small, large, "keys and calls do not grow with the DAG");
    }

    @Test
    void theWindowGivesTheChoiceTheWholeAcceptedListWouldGive() throws Exception {
        final ModelView model = openGossipModel();
        grow(model.id(), 30);
        final DlnLedger ledger = net.participant(PROVIDER).ledger();
        final ParentSelector selector = ParentSelector.recent(true);
        final GossipParents.Choice choice = GossipParents.choose(ledger, model, selector, SEED);
        final List<UpdateView> everyAccepted = ledger.listUpdates(model.id(), 0, UpdateStatus.ACCEPTED);
        assertEquals(selector.choose(everyAccepted, model.gossip().maxParents(), choice.seed()), choice.parents());
        assertEquals(model.gossip().maxParents(), choice.parents().size());
    }

    /** What export and status show of a gossip model: the merge its next step would start from, read from the window alone. */
    @Test
    void theGossipModelsCurrentStateIsReadFromTheWindowAlone() throws Exception {
        final ModelView model = openGossipModel();
        final DlnLedger ledger = net.participant(PROVIDER).ledger();
        assertEquals(List.of(), GossipParents.current(ledger, model), "nothing accepted yet: no model to show");
        grow(model.id(), 20);
        final Cost small = currentCost(model);
        grow(model.id(), 180);
        final Cost large = currentCost(model);
        assertEquals(1, small.calls(), "one page of the recent window");
        assertEquals(small, large, "keys and calls do not grow with the DAG");
        final List<String> window = ledger.listRecentAccepted(model.id(), ParentSelector.RECENT_WINDOW).stream().map(UpdateView::id).toList();
        final List<String> current = GossipParents.current(ledger, model);
        assertEquals(1, current.size(), "under the threshold policy the best-scored update of the window alone");
        assertTrue(window.containsAll(current), current + " within " + window);
    }

    private Cost currentCost(final ModelView model) {
        return providerCost(ledger -> GossipParents.current(ledger, model));
    }

    @Test
    void theStepSeedFollowsTheProvidersOwnUpdatesOnTheLedger() throws Exception {
        final ModelView model = openGossipModel();
        grow(model.id(), 5);
        final String newcomer = "org3/User3";
        final DlnLedger ledger = net.participant(newcomer).ledger();
        final ParentSelector selector = ParentSelector.recent(true);
        final GossipParents.Choice first = GossipParents.choose(ledger, model, selector, SEED);
        assertEquals(SEED * 1_000_003L, first.seed(), "a provider's first step uses its own seed, as before");
        assertEquals(first, GossipParents.choose(ledger, model, selector, SEED), "a restart before submitting draws the same");
        accepted(ledger, model.id(), first.parents());
        final GossipParents.Choice second = GossipParents.choose(ledger, model, selector, SEED);
        assertNotEquals(first.seed(), second.seed(), "each step of the provider has its own seed");
        assertEquals(second, GossipParents.choose(net.participant(newcomer).ledger(), model, selector, SEED), "and it is replayable");
    }

    @Test
    void theCommitteeSkipsWhatItScoredWithOneReadWhateverTheDag() throws Exception {
        final ModelView model = openGossipModel();
        final String member = COMMITTEE.get(0);
        final DlnLedger provider = net.participant(OTHER_PROVIDER).ledger();
        for (int i = 0; i < 3; i++) {
            final String u = provider.submitUpdate(model.id(), cid(), List.of(UpdateView.INITIAL), 0, 100, 1000, model.recipeHash()).id();
            net.participant(member).ledger().submitScore(u, 0.9, 1);
        }
        final Cost small = scorePassCost(model, member);
        grow(model.id(), 200);
        final Cost large = scorePassCost(model, member);
        assertEquals(new Cost(1, small.keys()), small, "one GetMemberWork: the model with one page of its pending updates");
        assertEquals(small, large, "200 decided updates cost the pass nothing");
        assertEquals(3, provider.listUpdates(model.id(), 0, UpdateStatus.PENDING).size(), "the three still wait for a second score");
    }

    @Test
    void aGossipUpdateWhoseAnswerWasLostIsFoundAsTheProvidersNewest() throws Exception {
        // Nothing accepted yet: the step starts from the initial weights, the only real ones here.
        final ModelView model = openGossipModel();
        final String who = "org3/User3";
        final dln.core.protocol.LocalCertificateAuthority.Identity id = net.identity(who);
        final CountingTransport counting = new CountingTransport(new AnswerLostOnce(net.ledger().transport(id.mspId(), id.certificatePem())));
        final ProviderWorkflow provider = new ProviderWorkflow(new Participant(who, new DlnLedger(counting), net.participant(who).store()),
                validation(), BuiltinModels.mlp().training(), Adversary.alone(Attack.FREE_RIDER, 1, SEED), SEED, new TrainingListener() { }, line -> { });
        final UpdateView made = provider.gossipStep(model.id(), ParentSelector.recent(true)).update();
        final List<UpdateView> mine = net.participant(who).ledger().listSubmittedBy(model.id(), id(who), 10);
        assertEquals(List.of(made.id()), mine.stream().map(UpdateView::id).toList(), "the committed update is this step's, recorded once");
        assertEquals(0, counting.calls(Tx.GET_CHILDREN) + counting.calls(Tx.LIST_UPDATES), "found without listing the DAG");
    }

    /** Ledger calls and keys read by one step. */
    private record Cost(long calls, long keys) {}

    private Cost gossipChoiceCost(final ModelView model) {
        return providerCost(ledger -> GossipParents.choose(ledger, model, ParentSelector.recent(true), SEED));
    }

    /** The calls and keys one call of the provider's costs on the ledger. */
    private Cost providerCost(final java.util.function.Consumer<DlnLedger> call) {
        final CountingTransport counting = counting(PROVIDER);
        final long keys = net.ledger().chain().keysRead();
        call.accept(new DlnLedger(counting));
        return new Cost(counting.calls(), net.ledger().chain().keysRead() - keys);
    }

    private Cost scorePassCost(final ModelView model, final String member) {
        final CountingTransport counting = counting(member);
        final CommitteeWorkflow workflow = new CommitteeWorkflow(new Participant(member, new DlnLedger(counting), net.participant(member).store()),
                net.identity(member).key(), SanityLimits.DEFAULT, line -> { });
        final long keys = net.ledger().chain().keysRead();
        assertTrue(workflow.scorePending(model.id()).isEmpty(), "everything pending is scored by this member already");
        assertEquals(0, counting.calls(Tx.GET_SCORES) + counting.calls(Tx.LIST_UPDATES), "no listing of every update, no score per update");
        return new Cost(counting.calls(), net.ledger().chain().keysRead() - keys);
    }

    private dln.api.view.LedgerIdentity id(final String who) {
        return net.participant(who).identity();
    }

    /**
     * Commits the first SubmitUpdate but loses its answer and proposes it again, as a transport
     * riding through an outage does: the second proposal meets the first one's weights.
     */
    private static final class AnswerLostOnce extends dln.api.ForwardingTransport {
        private boolean lost;

        AnswerLostOnce(final LedgerTransport inner) {
            super(inner);
        }

        @Override
        public byte[] submit(final Tx tx, final String... args) {
            if (tx == Tx.SUBMIT_UPDATE && !lost) {
                lost = true;
                super.submit(tx, args);
            }
            return super.submit(tx, args);
        }
    }

    private CountingTransport counting(final String who) {
        final dln.core.protocol.LocalCertificateAuthority.Identity id = net.identity(who);
        return new CountingTransport(net.ledger().transport(id.mspId(), id.certificatePem()));
    }

    /** A gossip model (2 parents, quorum 2 of 3, threshold 0.5), approved by its committee. */
    private ModelView openGossipModel() {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("bounded", BuiltinModels.mlp(),
                "accuracy", "gossip", "fedavg", 2, 0.5, "median", COMMITTEE, validation(), 1, 3600, 2));
        for (String member : COMMITTEE) {
            new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, line -> { }).reviewModel(m);
        }
        final ModelView open = publisher.ledger().getModel(m.id());
        assertEquals(ModelStatus.OPEN, open.status());
        return open;
    }

    /** {@code n} more accepted updates, each on the newest accepted one, from both providers in turn. */
    private void grow(final String model, final int n) throws IOException {
        for (int i = 0; i < n; i++) {
            final DlnLedger by = net.participant(i % 2 == 0 ? PROVIDER : OTHER_PROVIDER).ledger();
            final List<UpdateView> newest = by.listRecentAccepted(model, 1);
            accepted(by, model, newest.isEmpty() ? List.of(UpdateView.INITIAL) : List.of(newest.get(0).id()));
        }
    }

    /** Submits an update on {@code parents} as {@code by} and has two members accept it. */
    private void accepted(final DlnLedger by, final String model, final List<String> parents) throws IOException {
        final String u = by.submitUpdate(model, cid(), parents, 0, 100, 1000, by.getModel(model).recipeHash()).id();
        net.participant(COMMITTEE.get(1)).ledger().submitScore(u, 0.9, 1);
        assertEquals(UpdateStatus.ACCEPTED, net.participant(COMMITTEE.get(2)).ledger().submitScore(u, 0.9, 1).status());
    }

    /** A well-formed CID of content no other update has. */
    private String cid() throws IOException {
        return net.store().add(("update " + cids++).getBytes(StandardCharsets.UTF_8));
    }

    private static Dataset validation() {
        final Random r = new Random(1);
        final int n = 30;
        final float[] x = new float[n * 784];
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = r.nextFloat();
            }
        }
        return new Dataset(x, y, 784, 10);
    }
}

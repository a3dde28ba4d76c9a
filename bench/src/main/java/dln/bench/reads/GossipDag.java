package dln.bench.reads;

import dln.api.DlnLedger;
import dln.api.ModelStatus;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.bench.consortium.InProcessConsortium;
import dln.core.model.BuiltinModels;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A gossip model on the in-process ledger whose DAG grows without training: updates with
 * well-formed CIDs of distinct content, each on the newest accepted one, accepted by two of the
 * three members' scores. A few updates stay pending, scored by the watched member only, so its
 * pass has pending work to look at and nothing to score.
 */
final class GossipDag {

    static final List<String> COMMITTEE = List.of("org1/User2", "org2/User2", "org3/User2");
    static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3", "org1/User4");
    /** The member whose pass is measured: it scored every pending update already. */
    static final String WATCHED_MEMBER = COMMITTEE.get(0);
    /** The provider whose gossip step is measured; it submits a share of the DAG too. */
    static final String WATCHED_PROVIDER = PROVIDERS.get(0);

    private final InProcessConsortium net;
    private final ModelView model;
    private final DlnLedger[] providers;
    private final DlnLedger[] deciders;
    private String newest = UpdateView.INITIAL;
    private int accepted;
    private int contents;

    private GossipDag(final InProcessConsortium net, final ModelView model) {
        this.net = net;
        this.model = model;
        this.providers = PROVIDERS.stream().map(p -> net.participant(p).ledger()).toArray(DlnLedger[]::new);
        this.deciders = COMMITTEE.subList(1, 3).stream().map(m -> net.participant(m).ledger()).toArray(DlnLedger[]::new);
    }

    /** Publishes an MLP gossip model (2 parents, quorum 2 of 3) and has the committee open it. */
    static GossipDag open(final InProcessConsortium net) {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("bench reads", BuiltinModels.mlp(),
                "accuracy", "gossip", "fedavg", 2, 0.5, "median", COMMITTEE, dln.bench.consortium.RandomDigits.of(30, 1), 1, 3600, 2));
        for (String member : COMMITTEE) {
            new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, line -> { }).reviewModel(m);
        }
        final ModelView open = publisher.ledger().getModel(m.id());
        if (open.status() != ModelStatus.OPEN) {
            throw new IllegalStateException("the committee did not open the model: " + open.status());
        }
        return new GossipDag(net, open);
    }

    ModelView model() {
        return model;
    }

    int accepted() {
        return accepted;
    }

    /** {@code n} updates that stay pending: the watched member scored them, the others never will. */
    void addPending(final int n) {
        final DlnLedger watched = net.participant(WATCHED_MEMBER).ledger();
        for (int i = 0; i < n; i++) {
            final String u = providers[1].submitUpdate(model.id(), cid(), List.of(UpdateView.INITIAL), 0, 100, 1000, model.recipeHash()).id();
            watched.submitScore(u, 0.9, 1);
        }
    }

    /** Adds accepted updates until the model has {@code target}. */
    void growTo(final int target) {
        while (accepted < target) {
            final DlnLedger by = providers[accepted % providers.length];
            final String u = by.submitUpdate(model.id(), cid(), List.of(newest), 0, 100, 1000, model.recipeHash()).id();
            deciders[0].submitScore(u, 0.9, 1);
            if (deciders[1].submitScore(u, 0.9, 1).status() != UpdateStatus.ACCEPTED) {
                throw new IllegalStateException("update " + u + " was not accepted");
            }
            newest = u;
            accepted++;
        }
    }

    /** A well-formed CID of content no other update has. */
    private String cid() {
        try {
            return net.store().add(("bench reads update " + contents++).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

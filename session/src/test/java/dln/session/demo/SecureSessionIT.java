package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.SecurePhase;
import dln.api.UpdateStatus;
import dln.api.view.RoundView;
import dln.api.view.SecureRoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.protocol.LearningPolicy;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A securely aggregated federated session on the real network (issue 18): 4 providers, threshold
 * 3, 2 rounds. Each round's only update is its recovered aggregate, which the committee scores;
 * the providers' keys, encrypted shares and masked CIDs are on the ledger, their plain updates
 * nowhere. Needs the chaincode of this branch deployed (`./network/network.sh deploy`).
 */
class SecureSessionIT {

    @Test
    void roundsAggregateMaskedUpdatesOnTheNetworkAndTheModelLearns() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "dirichlet:0.5", 2, 0, 1, 0.5, 2, "median", "fedavg", 11,
                LearningPolicy.parse("threshold", "equal")).withSecureAggregation(3);
        final List<String> lines = new ArrayList<>();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, lines::add, who -> new TrainingListener() { }).run();
        }
        final RoundRow last = r.rows().get(r.rows().size() - 1);
        assertTrue(last.testAccuracy() > 0.80, "federated accuracy after 2 secure rounds: " + last.testAccuracy() + "\n" + lines);

        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            for (int round = 1; round <= 2; round++) {
                final RoundView closed = ledger.getRound(r.federatedModel(), round);
                assertFalse(closed.open());
                final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), round, null);
                assertEquals(1, updates.size(), "round " + round + " holds only its aggregate");
                assertEquals(UpdateStatus.ACCEPTED, updates.get(0).status());
                assertEquals("secure-aggregate", updates.get(0).submitter().x509Id());
                assertTrue(ledger.getScores(updates.get(0).id()).size() >= 2, "the committee scored the aggregate");
                final SecureRoundView secure = ledger.getSecureRound(r.federatedModel(), round);
                assertEquals(SecurePhase.AGGREGATED, secure.round().phase());
                assertEquals(4, secure.round().masked().size());
                for (final SecureRoundView.Party p : secure.parties()) {
                    assertEquals(4, p.shares().size(), "one encrypted envelope per provider");
                    assertTrue(p.maskedCid() != null && !p.maskedCid().equals(updates.get(0).weightsCid()));
                }
            }
        }
    }

    /**
     * A provider that drops out after sharing (its process ends at its masked submission of round 1,
     * as when its host goes away) does not hold the round: the session's publisher ends
     * the masking step without it (secagg:AdvanceSecureRound), the survivors' shares rebuild its mask
     * key, and round 1's one update is the three survivors' aggregate, which the committee accepts;
     * in round 2 the provider takes part again.
     */
    @Test
    void aProviderThatDropsOutAfterSharingIsLeftOutAndTheRoundFinishes() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());
        final String leaving = NetworkConsortium.providerIdentities(profile, 4).get(3);
        final java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.function.UnaryOperator<dln.api.LedgerTransport> hostGoesAway = t -> !t.identity().shortName().equals(leaving) ? t
                : new dln.api.ForwardingTransport(t) {
                    @Override
                    public byte[] submit(final dln.api.Tx tx, final String... args) {
                        if (tx == dln.api.Tx.SUBMIT_MASKED && "1".equals(args[1])) {
                            left.set(true);
                            // The provider's process ends here (an outage of the ledger would be waited out instead).
                            throw new IllegalStateException(leaving + "'s host went away");
                        }
                        return super.submit(tx, args);
                    }
                };
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 2, 0, 1, 0.5, 2, "median", "fedavg", 13,
                LearningPolicy.parse("threshold", "equal")).withSecureAggregation(3);
        final List<String> lines = new ArrayList<>();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile, hostGoesAway)) {
            r = new LearningSession(config, network, lines::add, who -> new TrainingListener() { }).withoutBaseline().run();
        }
        final String session = String.join("\n", lines);
        assertTrue(left.get(), "the provider's masked submission failed");
        assertTrue(session.contains(leaving + " dropped out") && session.contains("ended step masking without " + leaving), session);
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            final SecureRoundView first = ledger.getSecureRound(r.federatedModel(), 1);
            assertEquals(SecurePhase.AGGREGATED, first.round().phase(), session);
            assertEquals(4, first.round().shared().size(), "it shared before it left");
            assertEquals(3, first.round().masked().size(), "round 1 aggregates the three survivors");
            assertFalse(first.round().masked().stream().anyMatch(who -> who.shortName().equals(leaving)));
            final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), 1, null);
            assertEquals(1, updates.size());
            assertEquals(UpdateStatus.ACCEPTED, updates.get(0).status(), session);
            final long survivors = first.parties().stream().filter(p -> first.round().masked().contains(p.identity()))
                    .mapToLong(SecureRoundView.Party::samples).sum();
            assertEquals(survivors, updates.get(0).samples(), "the aggregate's samples are the survivors' alone");
            assertEquals(4, ledger.getSecureRound(r.federatedModel(), 2).round().masked().size(), "in round 2 it takes part again");
            ledger.closeModel(r.federatedModel());
        }
        assertTrue(r.rows().get(r.rows().size() - 1).testAccuracy() > 0.80, session);
    }

    /**
     * DP (epsilon 3) and capped weights under secure aggregation: every masked submission records
     * its DP-SGD run and the epsilon the chaincode recomputed, which the accountant reproduces from
     * the provider's earlier rounds and which stays within the budget; each round's one update is
     * the aggregate the committee accepted.
     */
    @Test
    void dpAndCappedWeightsComposeWithSecureAggregationOnTheNetwork() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 2, 0, 1, 0.3, 2, "median", "fedavg", 17,
                LearningPolicy.parse("threshold", "capped:1000", "none", "epsilon=3,delta=1e-5,noise=1.3,clip=1.0")).withSecureAggregation(3);
        final List<String> lines = new ArrayList<>();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, lines::add, who -> new TrainingListener() { }).withoutBaseline().run();
        }
        final RoundRow last = r.rows().get(r.rows().size() - 1);
        assertTrue(last.testAccuracy() > 0.40, "accuracy after 2 DP secure rounds: " + last.testAccuracy() + "\n" + lines);
        final dln.api.privacy.RdpAccountant acc = dln.api.privacy.RdpAccountant.DLN;
        final java.util.Map<dln.api.view.LedgerIdentity, double[]> spent = new java.util.HashMap<>();
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            try {
                for (int round = 1; round <= 2; round++) {
                    final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), round, null);
                    assertEquals(1, updates.size(), "round " + round + " holds only its aggregate");
                    assertEquals(UpdateStatus.ACCEPTED, updates.get(0).status(), "round " + round + ": " + String.join("\n", lines));
                    final SecureRoundView secure = ledger.getSecureRound(r.federatedModel(), round);
                    assertEquals(SecurePhase.AGGREGATED, secure.round().phase());
                    for (final SecureRoundView.Party p : secure.parties()) {
                        if (!secure.round().masked().contains(p.identity())) {
                            continue;
                        }
                        final UpdateView.Privacy run = p.privacy();
                        assertTrue(run != null, "the masked submission of " + p.identity() + " records its DP-SGD run");
                        assertEquals(1.3, run.noiseMultiplier());
                        final double[] curve = acc.compose(spent.getOrDefault(p.identity(), new double[acc.size()]), run.run().curve(acc));
                        spent.put(p.identity(), curve);
                        assertEquals(acc.epsilon(curve, 1e-5).epsilon(), run.epsilon(), 1e-9);
                        assertTrue(run.epsilon() <= 3.0, "within the budget: " + run.epsilon());
                    }
                }
            } finally {
                ledger.closeModel(r.federatedModel());
            }
        }
    }
}

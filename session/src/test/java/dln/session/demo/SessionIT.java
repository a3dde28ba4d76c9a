package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole session on the real network: 2 federated rounds and a gossip step, one sign-flip attacker. */
class SessionIT {

    @Test
    void federatedAndGossipLearnAndRejectTheAttacker() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(ItPaths.profile());
        final SessionConfig config = new SessionConfig("mlp", 4, 1, Attack.SIGN_FLIP, "dirichlet:0.5", 2, 1, 1, 0.5, 2, "median", "fedavg", 11);
        final List<String> lines = new ArrayList<>();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, lines::add, who -> new TrainingListener() { }).run();
        }

        final RoundRow last = r.rows().stream().filter(x -> "federated".equals(x.phase())).reduce((a, b) -> b).orElseThrow();
        // Untrained weights score about 10% on ten balanced classes.
        assertTrue(last.testAccuracy() > 0.80, "federated accuracy after 2 rounds: " + last.testAccuracy());
        final RoundRow gossip = r.rows().stream().filter(x -> "gossip".equals(x.phase())).findFirst().orElseThrow();
        assertTrue(gossip.testAccuracy() > 0.80, "gossip head accuracy: " + gossip.testAccuracy());

        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            for (int round = 1; round <= 2; round++) {
                final RoundView closed = ledger.getRound(r.federatedModel(), round);
                assertFalse(closed.open());
                for (String poisoned : r.poisonedIds()) {
                    assertFalse(closed.accepted().contains(poisoned), "round " + round + "'s aggregate excludes the attacker's " + poisoned);
                }
                final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), round, null);
                assertEquals(4, updates.size(), "one update per provider in round " + round);
                for (UpdateView u : updates) {
                    assertEquals(r.poisonedIds().contains(u.id()) ? dln.api.UpdateStatus.REJECTED : dln.api.UpdateStatus.ACCEPTED, u.status(), u.id() + " by " + u.submitter().shortName());
                }
            }
            // The committee's decisions are on the ledger with their scores.
            for (UpdateView u : r.federatedUpdates()) {
                assertTrue(ledger.getScores(u.id()).size() >= 2, "quorum of scores for " + u.id());
            }
        }
    }

    /** Where the network's files are. */
    static final class ItPaths {
        static Path root() {
            Path p = Path.of("").toAbsolutePath();
            while (p != null && !p.resolve("network/network.sh").toFile().exists()) {
                p = p.getParent();
            }
            return p;
        }

        static Path profile() {
            return root().resolve(".dln/connection.json");
        }
    }
}

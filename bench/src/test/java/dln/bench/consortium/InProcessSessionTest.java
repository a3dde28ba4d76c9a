package dln.bench.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.UpdateStatus;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.protocol.Participant;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The learning session on the in-process ledger, no network: two providers (one sign-flip
 * attacker), one federated round, the committee deciding through the real contracts.
 */
class InProcessSessionTest {

    @Test
    @Timeout(120)
    void aRoundIsDecidedOnTheLedgerAndTheModelLearns() throws Exception {
        final SessionConfig config = new SessionConfig("mlp", 2, 1, Attack.SIGN_FLIP, "iid", 1, 0, 1, 0.5, 2, "median", "fedavg", 7);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { })
                    .withoutBaseline().run();

            final RoundRow round = r.rows().get(0);
            assertEquals(1, r.rows().size(), "one round: " + lines);
            assertEquals(1, round.accepted(), "the honest update accepted: " + lines);
            assertEquals(1, round.poisonedRejected(), "the attacker's update rejected: " + lines);
            // Untrained weights score about 10% on ten balanced classes.
            assertTrue(round.testAccuracy() > 0.8, "test accuracy after one round: " + round.testAccuracy());

            try (Participant publisher = consortium.participant(consortium.publisher())) {
                final DlnLedger ledger = publisher.ledger();
                final RoundView closed = ledger.getRound(r.federatedModel(), 1);
                assertFalse(closed.open(), "round 1 closed on the ledger");
                final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), 1, null);
                assertEquals(2, updates.size(), "one update per provider");
                for (UpdateView u : updates) {
                    final boolean poisoned = r.poisonedIds().contains(u.id());
                    assertEquals(poisoned ? UpdateStatus.REJECTED : UpdateStatus.ACCEPTED, u.status(), u.id());
                    assertEquals(poisoned, !closed.accepted().contains(u.id()), "the aggregate takes exactly the accepted update");
                    assertTrue(ledger.getScores(u.id()).size() >= 2, "a quorum of committee scores for " + u.id());
                }
            }
        }
    }
}

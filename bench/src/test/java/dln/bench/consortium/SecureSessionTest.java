package dln.bench.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.SecurePhase;
import dln.api.UpdateStatus;
import dln.api.view.SecureRoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.Participant;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session of `./dln demo --secure-aggregation 2` on the in-process ledger: three providers,
 * two federated rounds whose only updates are their recovered aggregates, which the committee
 * scores, and the model learns.
 */
class SecureSessionTest {

    @Test
    @Timeout(300)
    void roundsAggregateMaskedUpdatesAndTheModelLearns() throws Exception {
        final SessionConfig config = new SessionConfig("mlp", 3, 0, Attack.NONE, "iid", 2, 0, 1, 0.5, 2, "median", "fedavg", 7,
                LearningPolicy.parse("threshold", "equal")).withSecureAggregation(2);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { })
                    .withoutBaseline().run();
            assertEquals(2, r.rows().size(), "two rounds: " + lines);
            assertTrue(r.rows().get(1).testAccuracy() > 0.8, "test accuracy after two rounds: " + lines);
            try (Participant publisher = consortium.participant(consortium.publisher())) {
                final DlnLedger ledger = publisher.ledger();
                for (int round = 1; round <= 2; round++) {
                    final List<UpdateView> updates = ledger.listUpdates(r.federatedModel(), round, null);
                    assertEquals(1, updates.size(), "round " + round + " holds its aggregate only: " + lines);
                    assertEquals(UpdateStatus.ACCEPTED, updates.get(0).status());
                    assertTrue(ledger.getScores(updates.get(0).id()).size() >= 2, "the committee scored the aggregate");
                    final SecureRoundView secure = ledger.getSecureRound(r.federatedModel(), round);
                    assertEquals(SecurePhase.AGGREGATED, secure.round().phase());
                    assertEquals(3, secure.round().masked().size());
                }
            }
        }
    }
}

package dln.bench.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.privacy.RdpAccountant;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.protocol.LearningPolicy;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.PrivacySpending;
import dln.session.demo.SessionConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session with a privacy budget on the in-process ledger: the providers train with DP-SGD, each
 * update records the epsilon the chaincode recomputed, and a budget the rounds would pass is
 * refused before anything is published.
 */
class InProcessPrivacySessionTest {

    private static SessionConfig config(final String privacy, final int rounds) {
        return new SessionConfig("mlp", 2, 0, Attack.NONE, "iid", rounds, 0, 1, 0.1, 2, "median", "fedavg", 7,
                LearningPolicy.parse("contribution:3", "claimed", "none", privacy));
    }

    @Test
    @Timeout(300)
    void everyUpdateRecordsTheEpsilonItsProviderSpent() throws Exception {
        final SessionConfig config = config("epsilon=3,noise=1.1", 1);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> TrainingListener.NONE)
                    .withoutBaseline().run();
            assertEquals(2, r.federatedUpdates().size(), "one update per provider: " + lines);
            for (UpdateView u : r.federatedUpdates()) {
                assertNotNull(u.privacy(), u.id());
                // One run so far: the provider's epsilon is this run's own.
                assertEquals(RdpAccountant.DLN.epsilon(u.privacy().samplingRate(), 1.1, u.privacy().steps(), 1e-5), u.privacy().epsilon(), 1e-12);
                assertTrue(u.privacy().epsilon() < 3);
            }
            assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("DP-SGD")), "a DP-SGD run is no warning: " + r.warnings());
            final PrivacySpending spending = PrivacySpending.of(config.learning().privacy(), r).orElseThrow();
            assertEquals(List.of("round 1"), spending.columns());
            assertEquals(2, spending.rows().size());
        }
    }

    @Test
    @Timeout(120)
    void aBudgetTheRoundsWouldPassIsRefusedBeforeAnythingIsPublished() throws Exception {
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LearningSession(config("epsilon=0.5,noise=0.6", 20), consortium, lines::add, who -> TrainingListener.NONE)
                            .withoutBaseline().run());
            assertTrue(e.getMessage().startsWith("--privacy: provider 1's"), e.getMessage());
            assertTrue(lines.stream().noneMatch(l -> l.contains("published")), "nothing published: " + lines);
        }
    }
}

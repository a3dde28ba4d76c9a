package dln.bench.consortium;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import dln.core.protocol.LearningPolicy;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded offline run (in-process ledger, the real contracts) of round 1 on quantity-skewed data,
 * eight honest providers holding 10 to thousands of examples: without a floor on local steps the
 * small providers' short steps dilute the aggregate and the committee rejects them; with the
 * recipe's {@code minLocalSteps} they take steps as long as the others' and are kept
 * (docs/protocol.md §1, "Small providers"). The quorum is the whole committee, so every decision
 * is the median of all three members' measurements.
 */
class SmallProvidersTest {

    private static int acceptedInRoundOne(final int minLocalSteps) throws Exception {
        final SessionConfig config = new SessionConfig("mlp", 8, 0, Attack.NONE, "quantity:0.2", 1, 0, 1, 0.5, 3, "median", "fedavg", 7)
                .with(LearningPolicy.parse("contribution:3", "median_capped", "fedavgm:1:0.9"))
                .withClient(new SessionConfig.ClientRecipe(0.003, 32, minLocalSteps));
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final List<RoundRow> rows = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { })
                    .withoutBaseline().run().rows();
            return rows.get(0).accepted();
        }
    }

    @Test
    @Timeout(600)
    void aFloorOnLocalStepsKeepsTheSmallProvidersOfRoundOne() throws Exception {
        final int without = acceptedInRoundOne(0);
        final int floored = acceptedInRoundOne(30);
        final String table = "accepted of 8 in round 1: no floor " + without + ", at least 30 steps " + floored;
        System.out.println("small providers: " + table);
        assertTrue(without < 8, "without the floor some small provider is rejected: " + table);
        assertTrue(floored > without, "the floor keeps more of them: " + table);
        assertTrue(floored >= 7, "at most one honest update of round 1 rejected: " + table);
    }
}

package dln.bench.consortium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dln.core.attack.Attack;
import dln.core.data.DataCache;
import dln.core.data.SklearnSetup;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * Whole sessions on the scikit-learn datasets on the in-process ledger: the MLP sized to the
 * data, three federated rounds among four providers, the committee deciding on its fragments.
 * Skipped when the wheel is not in the cache (./dln setup fetches it).
 */
class DatasetSessionTest {

    @ParameterizedTest
    @CsvSource({"breast-cancer, 30, 2, 0.85", "digits, 64, 10, 0.80"})
    @Timeout(300)
    void aSessionOnTheDatasetLearnsWellAboveChance(final String dataset, final int features, final int classes, final double floor)
            throws Exception {
        final DataCache cache = DataCache.fromEnvironment();
        assumeTrue(SklearnSetup.isAvailable(cache) || SklearnSetup.wheel(cache).isPresent(),
                "the scikit-learn wheel is not in " + cache.dir() + "; run ./dln setup to fetch it (skipping the " + dataset + " session)");
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 3, 0, 1, 0.5, 2, "median", "fedavg", 7)
                .withDataset(dataset);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { }).run();
            assertEquals(3, r.rows().size(), "three rounds: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("data: " + dataset + ", " + features + " features, " + classes + " classes")),
                    "the data line: " + lines);
            final RoundRow last = r.rows().get(r.rows().size() - 1);
            // Chance: 63 % (always "benign") on breast cancer, 10 % on the digits.
            assertTrue(last.testAccuracy() > floor, dataset + " test accuracy after 3 rounds: " + last.testAccuracy() + "; " + lines);
            assertTrue(r.baseline().get(r.baseline().size() - 1) > floor, "centralised baseline: " + r.baseline());
        }
    }
}

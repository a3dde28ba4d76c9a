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
import dln.session.demo.SessionData;
import dln.session.demo.SessionTable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
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

    /**
     * Diabetes, a regression: the regression MLP on float targets (standardised with the training
     * statistics of the recipe), IID partitions, the committee scoring RMSE on its fragments and
     * deciding by paired squared errors; three rounds, then two gossip steps. The federated model
     * must predict clearly better than the training mean and come near the centralised baseline
     * (both printed), and so must the gossip head.
     */
    @Test
    @Timeout(300)
    void aRegressionSessionOnDiabetesBeatsTheMeanAndNearsTheCentralisedBaseline() throws Exception {
        final DataCache cache = DataCache.fromEnvironment();
        assumeTrue(SklearnSetup.isAvailable(cache) || SklearnSetup.wheel(cache).isPresent(),
                "the scikit-learn wheel is not in " + cache.dir() + "; run ./dln setup to fetch it (skipping the diabetes session)");
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 3, 2, 1, 0.5, 2, "median", "fedavg", 7)
                .with(dln.core.protocol.LearningPolicy.parse("contribution:3", "median_capped", "none", dln.core.protocol.LearningPolicy.NO_PRIVACY))
                .withDataset("diabetes");
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { }).run();
            System.out.println(SessionTable.render(r));
            lines.forEach(System.out::println);
            assertEquals(dln.api.Metric.RMSE, r.metric().committee());
            assertEquals(5, r.rows().size(), "three rounds, two gossip steps: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("data: diabetes, 10 features, a float target (regression)")), "the data line: " + lines);
            final SessionData data = SessionData.load(config);
            final double mean = r.metric().meanPrediction(data.union(), data.test());
            final double federated = r.rows().get(2).testAccuracy();
            final double gossip = r.rows().get(4).testAccuracy();
            final double central = r.baseline().get(r.baseline().size() - 1);
            // Diabetes' target (disease progression, 25..346) has a standard deviation of about 77.
            assertTrue(mean > 60 && mean < 95, "predicting the mean: RMSE " + mean);
            assertTrue(federated < 0.85 * mean, "federated test RMSE " + federated + " against the mean's " + mean + "; " + lines);
            assertTrue(federated < 1.15 * central, "federated test RMSE " + federated + " against the centralised " + central + "; " + lines);
            // The gossip head is the lowest RMSE the committee accepted (lower is better), not the highest.
            assertTrue(gossip < 0.85 * mean, "gossip head's test RMSE " + gossip + " against the mean's " + mean + "; " + lines);
            assertTrue(SessionTable.render(r).contains("test RMSE"), SessionTable.render(r));
            assertTrue(r.federatedUpdates().stream().anyMatch(u -> u.accepted()), "the committee accepted updates");
            assertTrue(r.gossipUpdates().stream().anyMatch(u -> u.accepted()), "the committee accepted gossip updates");
        }
    }
}

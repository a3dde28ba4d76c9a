package dln.bench.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in quick plan on the real network, with the committee deciding through the chaincode. */
class QuickPlanIT {

    @Test
    void theSignFlipAttackerIsRejectedAndHonestProvidersLearn() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("network/network.sh").toFile().exists()) {
            root = root.getParent();
        }
        final ConnectionProfile profile = ConnectionProfile.load(root.resolve(".dln/connection.json"));
        final LearningPlan plan = LearningPlan.load("quick");
        final List<EntryResult> results = new ArrayList<>();
        for (PlanEntry e : plan.entries()) {
            try (NetworkConsortium network = new NetworkConsortium(profile)) {
                final LearningSession.Result r = new LearningSession(e.session(), network, line -> { }, who -> new TrainingListener() { }).run();
                results.add(new EntryResult(e, network.ledgerName(), r, 0));
            }
        }
        final EntryResult attacked = results.stream().filter(r -> r.entry().maliciousCount() > 0).findFirst().orElseThrow();
        assertEquals(1.0, attacked.poisonedRejected(), "every sign-flip update rejected");
        assertTrue(attacked.honestAccepted() > 0.9, "honest updates accepted: " + attacked.honestAccepted());
        for (EntryResult r : results) {
            // Untrained weights score about 10% on ten balanced classes.
            assertTrue(r.finalAccuracy() > 0.8, r.entry().label() + ": " + r.finalAccuracy());
        }
        final String table = LearningBench.table(results);
        assertTrue(table.contains("configuration") && table.contains(attacked.modelId()), table);
    }
}

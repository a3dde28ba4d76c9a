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
 * A seeded offline run (in-process ledger, the real contracts) in which the attacks that aim at
 * the weights or hide in the honest spread change nothing measurable: sample inflation and Sybil
 * copies within half a point of the attack-free twin, colluding "a little is enough" within one.
 * Six providers on Dirichlet(0.5) data, two of them attacking, three rounds, contribution
 * acceptance and median-capped weights. The quorum is the whole committee, so every decision is
 * the median of all three members' measurements and does not depend on which two score first.
 */
class NeutralisedAttacksTest {

    private static final LearningPolicy POLICY = LearningPolicy.parse("contribution:3", "median_capped");

    private static double finalAccuracy(final Attack attack, final int malicious) throws Exception {
        final SessionConfig config = new SessionConfig("mlp", 6, malicious, attack, "dirichlet:0.5", 3, 0, 1, 0.5, 3, "median", "fedavg", 7)
                .with(POLICY);
        final List<String> lines = new CopyOnWriteArrayList<>();
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, lines::add, who -> new TrainingListener() { })
                    .withoutBaseline().run();
            final List<RoundRow> rows = r.rows();
            return rows.get(rows.size() - 1).testAccuracy();
        }
    }

    @Test
    @Timeout(600)
    void inflationSybilsAndCollusionAreNeutralised() throws Exception {
        final double honest = finalAccuracy(Attack.NONE, 0);
        final double inflated = finalAccuracy(Attack.INFLATE, 2);
        final double sybils = finalAccuracy(Attack.SYBIL, 2);
        final double alie = finalAccuracy(Attack.ALIE, 2);
        final String table = String.format("honest %.4f, inflate %.4f, sybil %.4f, alie %.4f", honest, inflated, sybils, alie);
        System.out.println("neutralised attacks: " + table);
        assertTrue(honest > 0.8, "the attack-free twin learns: " + table);
        assertTrue(honest - inflated <= 0.005, "sample inflation within 0.5 points: " + table);
        assertTrue(honest - sybils <= 0.005, "Sybil copies within 0.5 points: " + table);
        assertTrue(honest - alie <= 0.01, "colluding ALIE within 1 point: " + table);
    }
}

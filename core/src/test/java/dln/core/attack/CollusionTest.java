package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.Mode;
import dln.core.protocol.ModelContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The colluding attacks through their team: what each member sends, and when the members meet. */
class CollusionTest {

    private static final ModelContext FEDERATED = Steps.model("fed", Mode.FEDERATED);
    private static final ModelContext GOSSIP = Steps.model("gossip", Mode.GOSSIP);
    private static final float[] START = {1, 1, 1, 1};
    // Per coordinate: {1, 2, 3} -> mean 2, std 1; {0, 0, 0}; {-1, 1, 3} -> 1, 2; {0.5, 0.5, 2} -> 1, sqrt(0.75).
    private static final float[][] DELTAS = {{1, 0, -1, 0.5f}, {2, 0, 1, 0.5f}, {3, 0, 3, 2}};

    @Test
    void colludingAlieMembersAllSendMeanMinusZStdOfTheTeamsUpdates() throws Exception {
        final AttackTeam team = AttackTeam.of(Attack.ALIE, 3, 10, 5, AttackSettings.DEFAULT.withPatience(Duration.ofSeconds(30)));
        final double z = 0.5244005127080407; // n = 10, m = 3
        final float[] expected = {(float) (2 - z), 0, (float) (1 - 2 * z), (float) (1 - z * Math.sqrt(0.75))};
        final List<float[]> sent = Steps.concurrently(team, FEDERATED, 1, START, DELTAS);
        for (float[] w : sent) {
            assertArrayEquals(expected, Steps.minus(w, START), 1e-6f, "every member crafts mean - z std from all three");
        }
        // The same vector, made distinct in one last bit each: the ledger records a CID once.
        for (int a = 0; a < sent.size(); a++) {
            for (int b = a + 1; b < sent.size(); b++) {
                assertFalse(Arrays.equals(sent.get(a), sent.get(b)));
                int differing = 0;
                for (int i = 0; i < START.length; i++) {
                    if (sent.get(a)[i] != sent.get(b)[i]) {
                        differing++;
                        assertTrue(Math.abs(sent.get(a)[i] - sent.get(b)[i]) <= 2 * Math.ulp(sent.get(a)[i]));
                    }
                }
                assertTrue(differing <= 2);
            }
        }
        assertArrayEquals(sent.get(0), Steps.concurrently(AttackTeam.of(Attack.ALIE, 3, 10, 5,
                AttackSettings.DEFAULT.withPatience(Duration.ofSeconds(30))), FEDERATED, 1, START, DELTAS).get(0), 0f, "deterministic");
    }

    @Test
    void aFederatedMemberWaitsBoundedlyThenCraftsFromTheEstimatesThere() throws Exception {
        final AttackTeam team = AttackTeam.of(Attack.ALIE, 3, 10, 5, AttackSettings.DEFAULT.withPatience(Duration.ofMillis(300)));
        final long t0 = System.nanoTime();
        // Member 2 never comes: the two others give up waiting and craft from their two updates.
        final List<float[]> sent = Steps.concurrently(team, FEDERATED, 1, START, new float[][] {DELTAS[0], DELTAS[1]});
        final long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis >= 250 && millis < 10_000, "waited for the patience, no longer: " + millis + " ms");
        final float[] expected = LittleIsEnough.craft(List.of(DELTAS[0], DELTAS[1]), team.z());
        assertArrayEquals(expected, Steps.minus(sent.get(0), START), 1e-6f);
        assertArrayEquals(expected, Steps.minus(sent.get(1), START), 1e-6f);
    }

    @Test
    void gossipMembersOneAfterAnotherDoNotWaitAndUseWhatTheTeamPostedSoFar() {
        final AttackTeam team = AttackTeam.of(Attack.ALIE, 3, 10, 5, AttackSettings.DEFAULT.withPatience(Duration.ofMinutes(10)));
        final long t0 = System.nanoTime();
        final float[] first = team.member(0).weights(Steps.step(GOSSIP, 0, START, DELTAS[0], 1));
        final float[] second = team.member(1).weights(Steps.step(GOSSIP, 0, START, DELTAS[1], 2));
        final float[] third = team.member(2).weights(Steps.step(GOSSIP, 0, START, DELTAS[2], 3));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "no barrier in gossip");
        // Alone so far: no spread, so the first sends its own update.
        assertArrayEquals(DELTAS[0], Steps.minus(first, START), 1e-6f);
        assertArrayEquals(LittleIsEnough.craft(List.of(DELTAS[0], DELTAS[1]), team.z()), Steps.minus(second, START), 1e-6f);
        assertArrayEquals(LittleIsEnough.craft(List.of(DELTAS), team.z()), Steps.minus(third, START), 1e-6f);
        // A member's next gossip step replaces its estimate, it does not add one.
        final float[] again = team.member(0).weights(Steps.step(GOSSIP, 0, START, DELTAS[2], 4));
        assertArrayEquals(LittleIsEnough.craft(List.of(DELTAS[2], DELTAS[1], DELTAS[2]), team.z()), Steps.minus(again, START), 1e-6f);
    }

    @Test
    void innerProductManipulationSendsMinusEpsilonTimesTheTeamsMean() throws Exception {
        final AttackTeam team = AttackTeam.of(Attack.IPM, 3, 10, 5, AttackSettings.DEFAULT.withPatience(Duration.ofSeconds(30)));
        final List<float[]> sent = Steps.concurrently(team, FEDERATED, 2, START, DELTAS);
        final float[] expected = {-0.2f, 0f, -0.1f, -0.1f};
        for (float[] w : sent) {
            assertArrayEquals(expected, Steps.minus(w, START), 1e-6f);
        }
        assertArrayEquals(expected, InnerProductManipulation.craft(List.of(DELTAS), 0.1), 1e-7f);
    }

    @Test
    void aTeamOfMinMaxMembersSendsTheMinMaxDelta() throws Exception {
        final AttackTeam team = AttackTeam.of(Attack.MIN_MAX, 3, 10, 5, AttackSettings.DEFAULT.withPatience(Duration.ofSeconds(30)));
        final List<float[]> sent = Steps.concurrently(team, FEDERATED, 1, START, DELTAS);
        final float[] expected = MinMax.craft(List.of(DELTAS), MinMax.Objective.MIN_MAX, MinMax.Perturbation.INVERSE_STD);
        for (float[] w : sent) {
            assertArrayEquals(expected, Steps.minus(w, START), 1e-6f);
        }
    }

    @Test
    void theTeamHandsOutOneAdversaryPerMemberAndHonestOnesForNone() {
        assertEquals(Attack.NONE, AttackTeam.of(Attack.NONE, 0, 4, 1).attack());
        assertEquals(Attack.SIGN_FLIP, AttackTeam.of(Attack.SIGN_FLIP, 2, 4, 1).member(1).attack());
        assertEquals(Attack.ALIE, Adversary.alone(Attack.ALIE, 8, 1).attack());
        assertEquals(Attack.NONE, Adversary.honest().attack());
        final float[] start = {1, 2};
        final float[] delta = {0.5f, -0.5f};
        assertArrayEquals(new float[] {1.5f, 1.5f}, Adversary.honest().weights(Steps.step(GOSSIP, 0, start, delta, 1)), 0f);
        assertArrayEquals(new float[] {0.5f, 2.5f}, AttackTeam.of(Attack.SIGN_FLIP, 1, 4, 1).member(0)
                .weights(Steps.step(GOSSIP, 0, start, delta, 1)), 0f);
    }
}

package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.Mode;
import dln.core.data.Dataset;
import dln.core.protocol.ModelContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InflationAndSybilTest {

    private static final ModelContext FEDERATED = Steps.model("fed", Mode.FEDERATED);
    private static final ModelContext GOSSIP = Steps.model("gossip", Mode.GOSSIP);

    @Test
    void inflationMultipliesTheClaimedSamplesOnly() {
        final Adversary a = AttackTeam.of(Attack.INFLATE, 1, 4, 1).member(0);
        final Dataset d = new Dataset(new float[] {0, 1, 1, 0}, new int[] {0, 1}, 2, 2);
        assertSame(d, a.trainingData(d));
        assertTrue(a.trains());
        final float[] start = {1, 2, 3};
        final float[] delta = {0.1f, -0.1f, 0.2f};
        final Adversary.Step step = Steps.step(GOSSIP, 0, start, delta, 9);
        assertArrayEquals(step.trained(), a.weights(step), 0f, "honest weights");
        // 6,000 samples in a second is a plausible rate: the time stays as it was.
        assertEquals(new Adversary.Claim(6_000, 1_000), a.claim(new Adversary.Claim(600, 1_000)));
        // 6,000 in 10 ms is not: the claimed time stretches to 50k ex/s.
        assertEquals(new Adversary.Claim(6_000, 120), a.claim(new Adversary.Claim(600, 10)));
        assertEquals(new Adversary.Claim(1_800, 1_000),
                AttackTeam.of(Attack.INFLATE, 1, 4, 1, AttackSettings.DEFAULT.withInflation(3)).member(0).claim(new Adversary.Claim(600, 1_000)));
        assertEquals(new Adversary.Claim(600, 1_000), Adversary.honest().claim(new Adversary.Claim(600, 1_000)));
    }

    @Test
    void sybilCopiesAreDistinctAndWithinATinyDistanceOfTheLeadersBoostedUpdate() throws Exception {
        final AttackTeam team = AttackTeam.of(Attack.SYBIL, 4, 10, 3, AttackSettings.DEFAULT.withPatience(Duration.ofSeconds(30)));
        final SplittableRandom r = new SplittableRandom(1);
        final float[] start = new float[200];
        final float[][] deltas = new float[4][200];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) r.nextDouble(-1, 1);
            for (float[] d : deltas) {
                d[i] = (float) r.nextDouble(-0.05, 0.05);
            }
        }
        final List<float[]> sent = Steps.concurrently(team, FEDERATED, 1, start, deltas);
        final float[] leader = sent.get(0);
        final float[] boosted = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            boosted[i] = start[i] + 3 * deltas[0][i];
        }
        assertArrayEquals(boosted, leader, 1e-6f, "the leader sends its update boosted three times");
        final double step = Steps.distance(leader, start);
        for (int k = 1; k < sent.size(); k++) {
            final double off = Steps.distance(sent.get(k), leader);
            assertTrue(off > 0 && off < 1e-2 * step, "copy " + k + " is " + off + " from the leader's, whose step is " + step);
            for (int j = 0; j < k; j++) {
                assertFalse(Arrays.equals(sent.get(j), sent.get(k)), "copies " + j + " and " + k + " differ");
            }
        }
    }

    @Test
    void aSybilCopyInGossipBeforeItsLeaderSendsItsOwnBoostedUpdateWithoutWaiting() {
        final AttackTeam team = AttackTeam.of(Attack.SYBIL, 2, 10, 3, AttackSettings.DEFAULT.withPatience(Duration.ofMinutes(10)));
        final float[] start = {1, 1, 1, 1};
        final float[] own = {0.1f, 0.2f, -0.1f, 0f};
        final long t0 = System.nanoTime();
        final float[] copy = team.member(1).weights(Steps.step(GOSSIP, 0, start, own, 5));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
        assertArrayEquals(new float[] {1.3f, 1.6f, 0.7f, 1f}, copy, 1e-2f);
        final float[] leader = team.member(0).weights(Steps.step(GOSSIP, 0, start, new float[] {0.2f, 0, 0, 0}, 6));
        final float[] later = team.member(1).weights(Steps.step(GOSSIP, 0, start, own, 7));
        assertTrue(Steps.distance(later, leader) < 1e-2, "once the leader stepped, the copies follow it");
    }
}

package dln.core.optimiser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerOptimisersTest {

    private static float[] gaussian(long seed, int n, float scale) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = scale * (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void noneReturnsTheAggregateBitForBit() {
        float[] current = {1f, 2f, 3f, 4f};
        float[] aggregate = {-0.0f, Float.MIN_VALUE, 1e30f, 0.1f};
        ServerOptimiser none = ServerOptimisers.parse("none");
        ServerOptimiser.Step step = none.step(current, aggregate, none.initial(4));
        assertArrayEquals(aggregate, step.model());
        assertNotSame(aggregate, step.model(), "a copy: the caller may reuse its aggregate");
        assertEquals(0, step.state().count());
        assertEquals(0, step.state().flatten().length);
    }

    @Test
    void fedAvgMWithoutMomentumAndAUnitRateIsTheAggregate() {
        float[] current = gaussian(1, 1000, 0.1f);
        float[] aggregate = gaussian(2, 1000, 0.1f);
        FedAvgM plain = new FedAvgM(1, 0);
        assertArrayEquals(aggregate, plain.step(current, aggregate, plain.initial(1000)).model());
    }

    @Test
    void fedAvgMByHand() {
        // lr 0.5, momentum 0.5, m = (2,-2), x = (1,1), aggregate (3,0): delta = (2,-1);
        // m' = 0.5 (2,-2) + (2,-1) = (3,-2); x' = (1,1) + 0.5 (3,-2) = (2.5, 0).
        ServerOptimiser.Step s = new FedAvgM(0.5, 0.5).step(new float[]{1f, 1f}, new float[]{3f, 0f},
                OptimiserState.of(new float[]{2f, -2f}));
        assertArrayEquals(new float[]{2.5f, 0f}, s.model());
        assertArrayEquals(new float[]{3f, -2f}, s.state().vector(0));
    }

    @Test
    void fedAdamByHand() {
        // lr 0.5, beta1 0.5, beta2 0.75, tau 1; m = v = 0; x = (1,2), aggregate (3,-2): delta = (2,-4);
        // m' = 0.5 delta = (1,-2); v' = 0.25 delta^2 = (1,4); x' = x + 0.5 m' / (sqrt(v') + 1)
        //    = (1 + 0.5/2, 2 - 1/3) = (1.25, 1.6666666).
        ServerOptimiser.Step s = new FedAdam(0.5, 0.5, 0.75, 1).step(new float[]{1f, 2f}, new float[]{3f, -2f},
                OptimiserState.of(new float[2], new float[2]));
        assertArrayEquals(new float[]{1.25f, (float) (2 - 1.0 / 3)}, s.model());
        assertArrayEquals(new float[]{1f, -2f}, s.state().vector(0));
        assertArrayEquals(new float[]{1f, 4f}, s.state().vector(1));
    }

    @Test
    void fedYogiByHand() {
        // As above with v = (10,5): delta^2 = (4,16). Yogi: v' = v - 0.25 delta^2 sign(v - delta^2)
        //    = (10 - 1, 5 + 4) = (9, 9); x' = (1 + 0.5 * 1/(3+1), 2 + 0.5 * (-2)/(3+1)) = (1.125, 1.75).
        // (Adam would give v' = (0.75*10 + 1, 0.75*5 + 4) = (8.5, 7.75).)
        OptimiserState state = OptimiserState.of(new float[2], new float[]{10f, 5f});
        ServerOptimiser.Step s = new FedYogi(0.5, 0.5, 0.75, 1).step(new float[]{1f, 2f}, new float[]{3f, -2f}, state);
        assertArrayEquals(new float[]{1.125f, 1.75f}, s.model());
        assertArrayEquals(new float[]{9f, 9f}, s.state().vector(1));
        ServerOptimiser.Step adam = new FedAdam(0.5, 0.5, 0.75, 1).step(new float[]{1f, 2f}, new float[]{3f, -2f}, state);
        assertArrayEquals(new float[]{8.5f, 7.75f}, adam.state().vector(1));
    }

    @Test
    void adaptiveOptimisersStartFromThePapersState() {
        // Reddi et al.: m_{-1} = 0, v_{-1} = tau^2.
        OptimiserState s = new FedAdam(0.01, 0.9, 0.99, 0.001).initial(3);
        assertArrayEquals(new float[3], s.vector(0));
        assertArrayEquals(new float[]{1e-6f, 1e-6f, 1e-6f}, s.vector(1));
        assertEquals(s, new FedYogi(0.01, 0.9, 0.99, 0.001).initial(3));
        assertEquals(OptimiserState.of(new float[3]), new FedAvgM(1, 0.9).initial(3));
    }

    @Test
    void theStateRoundTripsThroughOneVectorAndAResumedRunEqualsAnUnbrokenOne() {
        for (ServerOptimiser o : List.of(new NoOptimiser(), new FedAvgM(1, 0.9), new FedAdam(0.01, 0.9, 0.99, 0.001),
                new FedYogi(0.01, 0.9, 0.99, 0.001))) {
            int dim = 300;
            float[] unbroken = gaussian(5, dim, 1f);
            float[] resumed = unbroken.clone();
            OptimiserState a = o.initial(dim);
            float[] stored = o.initial(dim).flatten();
            assertEquals(o.stateVectors() * dim, stored.length, o.describe());
            for (int round = 0; round < 3; round++) {
                float[] aggregate = gaussian(10 + round, dim, 1f);
                ServerOptimiser.Step s1 = o.step(unbroken, aggregate, a);
                ServerOptimiser.Step s2 = o.step(resumed, aggregate, OptimiserState.unflatten(stored, dim));
                assertEquals(s1.state(), OptimiserState.unflatten(s1.state().flatten(), dim), o.describe());
                unbroken = s1.model();
                a = s1.state();
                resumed = s2.model();
                stored = s2.state().flatten();
            }
            assertArrayEquals(unbroken, resumed, o.describe());
            assertArrayEquals(a.flatten(), stored, o.describe());
        }
    }

    @Test
    void flattenAndUnflattenAreInverse() {
        float[] m = {1f, -2f, 3f};
        float[] v = {0.5f, 0f, Float.MIN_VALUE};
        OptimiserState s = OptimiserState.of(m, v);
        assertArrayEquals(new float[]{1f, -2f, 3f, 0.5f, 0f, Float.MIN_VALUE}, s.flatten());
        assertEquals(s, OptimiserState.unflatten(s.flatten(), 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimiserState.unflatten(new float[7], 3));
        assertTrue(e.getMessage().contains("whole number of vectors"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimiserState.unflatten(new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> OptimiserState.of(new float[2], new float[3]));
    }

    /**
     * FedAdam and FedYogi share one step (AdaptiveOptimiser, AdaptiveStep): these are the bits of
     * four rounds of each (model, then m and v) as computed before they shared it, so the sharing
     * changed no participant's arithmetic.
     */
    @Test
    void theSharedAdaptiveStepKeepsEachVariantsBits() throws Exception {
        assertEquals("5e1b2ad1017ec60fec59032beacaeb4101f03cc5887e452ee23b506b619cb200", chainBits(new FedAdam(0.01, 0.9, 0.99, 0.001)));
        assertEquals("6558fc2a4766e3a3d1525ad251e49f1311620fef805f25ab3b68b2ec7b1ca70c", chainBits(new FedYogi(0.01, 0.9, 0.99, 0.001)));
        assertEquals("fedyogi(lr=0.01,beta1=0.9,beta2=0.99,tau=0.001)", new FedYogi(0.01, 0.9, 0.99, 0.001).describe());
        IllegalArgumentException yogi = assertThrows(IllegalArgumentException.class, () -> new FedYogi(0.01, 0.9, 0.99, 0));
        assertTrue(yogi.getMessage().startsWith("fedyogi tau") && yogi.getMessage().contains("fedyogi:0.01:0.9:0.99:0.001"), yogi.getMessage());
    }

    private static String chainBits(final ServerOptimiser o) throws Exception {
        int dim = 1000;
        float[] x = gaussian(30, dim, 1f);
        OptimiserState s = o.initial(dim);
        for (int round = 0; round < 4; round++) {
            ServerOptimiser.Step step = o.step(x, gaussian(31 + round, dim, 1f), s);
            x = step.model();
            s = step.state();
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * (dim + s.flatten().length)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(x).put(s.flatten());
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    @Test
    void theSameBitsTwice() {
        float[] current = gaussian(20, 1000, 1f);
        float[] aggregate = gaussian(21, 1000, 1f);
        for (ServerOptimiser o : List.of(new FedAvgM(1, 0.9), new FedAdam(0.01, 0.9, 0.99, 0.001), new FedYogi(0.01, 0.9, 0.99, 0.001))) {
            ServerOptimiser.Step a = o.step(current, aggregate, o.initial(1000));
            ServerOptimiser.Step b = o.step(current.clone(), aggregate.clone(), o.initial(1000));
            assertArrayEquals(a.model(), b.model(), o.describe());
            assertEquals(a.state(), b.state(), o.describe());
        }
    }

    @Test
    void mismatchedShapesSayWhatToPass() {
        FedAdam adam = new FedAdam(0.01, 0.9, 0.99, 0.001);
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> adam.step(new float[2], new float[3], adam.initial(2)));
        assertTrue(lengths.getMessage().contains("one model"), lengths.getMessage());
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class, () -> adam.step(new float[2], new float[2], OptimiserState.empty()));
        assertTrue(state.getMessage().contains("initial(2)"), state.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[2], new float[2], adam.initial(3)));
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[1], new float[1], OptimiserState.of(new float[1], new float[]{-1f})));
        assertThrows(IllegalArgumentException.class, () -> new NoOptimiser().step(new float[1], new float[1], adam.initial(1)));
    }

    @Test
    void badParametersSayWhatToWrite() {
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> new FedAdam(0, 0.9, 0.99, 0.001));
        assertTrue(lr.getMessage().contains("fedadam:0.01:0.9:0.99:0.001"), lr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FedYogi(0.01, 1, 0.99, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new FedYogi(0.01, 0.9, 0.99, Double.NaN));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> new FedAvgM(1, -0.1));
        assertTrue(m.getMessage().contains("in [0, 1)"), m.getMessage());
    }

    @Test
    void theRegistryBuildsFromBothForms() {
        assertEquals(new FedAdam(0.01, 0.9, 0.99, 0.001), ServerOptimisers.parse("fedadam"));
        assertEquals(new FedYogi(0.1, 0.9, 0.99, 0.001), ServerOptimisers.parse("fedyogi:0.1"));
        assertEquals(new FedAvgM(1, 0.9), ServerOptimisers.parse("fedavgm"));
        assertEquals(new FedAvgM(0.5, 0), ServerOptimisers.parse("fedavgm:0.5:0"));
        assertEquals(new NoOptimiser(), ServerOptimisers.parse("none"));
        JsonObject ledger = ServerOptimisers.toLedger("fedadam:0.02");
        assertEquals("fedadam", ledger.get("name").getAsString());
        assertEquals(4, ledger.getAsJsonObject("params").size());
        assertEquals(0.02, ledger.getAsJsonObject("params").get("lr").getAsDouble());
        assertEquals(new FedAdam(0.02, 0.9, 0.99, 0.001), ServerOptimisers.fromLedger("fedadam", ledger.getAsJsonObject("params")));
        assertEquals(new NoOptimiser(), ServerOptimisers.fromLedger("none", ServerOptimisers.toLedger("none").getAsJsonObject("params")));
        assertThrows(IllegalArgumentException.class, () -> ServerOptimisers.parse("adam"));
        JsonObject partial = new JsonObject();
        partial.addProperty("lr", 0.01);
        assertThrows(IllegalArgumentException.class, () -> ServerOptimisers.fromLedger("fedadam", partial));
    }
}

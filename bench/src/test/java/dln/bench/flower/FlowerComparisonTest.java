package dln.bench.flower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.session.demo.RoundRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowerComparisonTest {

    private static RoundRow dln(final int r, final long millis) {
        return new RoundRow("federated", r, 4, 0, 0, 0, 0.9, millis / 2, 0, 0, 0, millis);
    }

    @Test
    void theVerdictComparesTheRoundsAfterTheFirst() {
        // dln's first round is slow (warm-up): left out, 2.4 s and 2.6 s against 2.0 s: 1.25x, met.
        final FlowerComparison met = new FlowerComparison(List.of(dln(1, 9_000), dln(2, 2_400), dln(3, 2_600)),
                List.of(new FlowerRunner.Round(1, 5.0, 0.8, 4), new FlowerRunner.Round(2, 1.9, 0.85, 4), new FlowerRunner.Round(3, 2.1, 0.9, 4)), 4,
                new double[] {1, 2}, new double[] {1, 2});
        assertEquals(2.5, met.dlnSeconds(), 1e-9);
        assertEquals(2.0, met.flowerSeconds(), 1e-9);
        assertEquals(1.25, met.ratio(), 1e-9);
        assertTrue(met.met());
        assertTrue(met.table().render().contains("1.25x ok"));

        final FlowerComparison missed = new FlowerComparison(List.of(dln(1, 1_000), dln(2, 2_600)),
                List.of(new FlowerRunner.Round(1, 1.0, 0.8, 4), new FlowerRunner.Round(2, 2.0, 0.85, 4)), 4, new double[] {1, 2},
                new double[] {1, 2});
        assertFalse(missed.met());
        assertTrue(missed.table().render().contains("1.30x MISSED"));
    }

    @Test
    void aRoundThatLostAClientGivesNoVerdict() {
        // Ray killed a client in round 2: Flower's round was short because it trained less.
        final FlowerComparison c = new FlowerComparison(List.of(dln(1, 9_000), dln(2, 2_000)),
                List.of(new FlowerRunner.Round(1, 5.0, 0.8, 4), new FlowerRunner.Round(2, 0.2, 0.8, 0)), 4, new double[] {1, 2},
                new double[] {1, 2});
        assertFalse(c.complete());
        assertTrue(c.table().render().contains("INVALID"));
        assertFalse(c.table().render().contains("MISSED"));
        assertTrue(c.footer().startsWith("INVALID"));
    }

    @Test
    void readsTheScriptsLastLine() {
        final FlowerRunner.Result r = FlowerRunner.parse("{\"flwr\": \"1.42.0\", \"torch\": \"2.15.0\", \"backend\": \"ray\", \"total_seconds\": 12.5,"
                + " \"rounds\": [{\"round\": 1, \"seconds\": 3.5, \"accuracy\": 0.75, \"clients\": 4},"
                + " {\"round\": 2, \"seconds\": 1.5, \"accuracy\": 0.8, \"clients\": 3}]}");
        assertEquals(List.of(new FlowerRunner.Round(1, 3.5, 0.75, 4), new FlowerRunner.Round(2, 1.5, 0.8, 3)), r.rounds());
        assertEquals("1.42.0", r.flwr());
    }
}

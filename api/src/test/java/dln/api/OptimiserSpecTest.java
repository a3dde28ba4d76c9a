package dln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser of server optimisers: the canonical form and the ledger's form meet. */
class OptimiserSpecTest {

    @Test
    void leftOutParametersTakeTheDefaultsAndTheCanonicalFormWritesThemAll() {
        assertEquals("fedadam:0.01:0.9:0.99:0.001", OptimiserSpec.parse("fedadam").canonical());
        assertEquals("fedyogi:0.1:0.9:0.99:0.001", OptimiserSpec.parse("FedYogi:0.1").canonical());
        assertEquals("fedavgm:1:0.9", OptimiserSpec.parse("fedavgm").canonical());
        assertEquals("fedavgm:0.5:0", OptimiserSpec.parse("fedavgm:0.5:0").canonical());
        assertEquals("none", OptimiserSpec.parse("none").canonical());
        assertEquals(OptimiserSpec.none(), OptimiserSpec.parse("none"));
        final OptimiserSpec full = OptimiserSpec.parse("fedadam:0.01:0.9:0.99:0.001");
        assertEquals(full, OptimiserSpec.parse(full.canonical()));
        assertEquals(full, OptimiserSpec.of("fedadam", Map.of("tau", 0.001, "beta2", 0.99, "lr", 0.01, "beta1", 0.9)));
        assertEquals(java.util.List.of("lr", "beta1", "beta2", "tau"), java.util.List.copyOf(full.params().keySet()));
        assertEquals(0.99, full.param("beta2"));
    }

    @Test
    void badOptimisersSayWhatToWrite() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("adam"));
        assertTrue(unknown.getMessage().contains("fedadam[:<lr>[:<beta1>[:<beta2>[:<tau>]]]]"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("none, fedavgm[:<lr>[:<momentum>]]"), unknown.getMessage());
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedavgm:1:0.9:3"));
        assertTrue(tooMany.getMessage().contains("write it as fedavgm[:<lr>[:<momentum>]]"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("none:1"));
        final IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedadam:x"));
        assertTrue(notANumber.getMessage().contains("lr must be a number"), notANumber.getMessage());
        final IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedadam:0.01:1.5"));
        assertTrue(range.getMessage().contains("beta1 must be in [0, 1)"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedyogi:0"));
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedyogi:0.01:0.9:0.99:-1"));
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.parse("fedavgm:1:1"));
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.of("fedadam", Map.of("lr", 0.01)));
        assertTrue(missing.getMessage().contains("[lr, beta1, beta2, tau]"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.of("fedavgm", Map.of("lr", 1.0, "momentum", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> OptimiserSpec.of("none", Map.of("lr", 1.0)));
    }
}

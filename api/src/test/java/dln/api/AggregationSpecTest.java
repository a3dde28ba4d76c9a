package dln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser of aggregation rules: the canonical form and the ledger's form meet. */
class AggregationSpecTest {

    @Test
    void theCanonicalAndTheLedgerFormsAreTheSameRule() {
        final AggregationSpec cli = AggregationSpec.parse("multi-krum:1:3");
        assertEquals(AggregationSpec.of("multi-krum", Map.of("m", 3.0, "f", 1.0)), cli);
        assertEquals("multi-krum:1:3", cli.canonical());
        assertEquals("trimmed-mean:0.3", AggregationSpec.parse("Trimmed-Mean:0.3").canonical());
        assertEquals(1, cli.intParam("f"));
    }

    @Test
    void badRulesSayWhatToWrite() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("krum"));
        assertTrue(unknown.getMessage().contains("multi-krum:<f>:<m>"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("trimmed-mean"));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("trimmed-mean:x"));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("fedavg:1"));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.of("norm-clip", Map.of("beta", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.of("norm-clip", Map.of("clip", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("multi-krum:1.5:3").intParam("f"));
    }
}

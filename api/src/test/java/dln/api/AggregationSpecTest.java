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

    @Test
    void robustRulesTakeAnOptionalBucketSizeThatRoundTrips() {
        final AggregationSpec krum = AggregationSpec.parse("multi-krum:1:3:2");
        assertEquals(AggregationSpec.of("multi-krum", Map.of("bucket", 2.0, "m", 3.0, "f", 1.0)), krum);
        assertEquals("multi-krum:1:3:2", krum.canonical());
        assertEquals(2, krum.intParam(AggregationRuleName.BUCKET));
        assertTrue(krum.has("bucket"));
        assertEquals("median:2", AggregationSpec.parse("median:2").canonical());
        assertEquals("median", AggregationSpec.parse("median").canonical());
        assertTrue(!AggregationSpec.parse("median").has("bucket"));
        assertEquals("centered-clip:1.5:3", AggregationSpec.parse("centered-clip:1.5:3").canonical());
        assertEquals("centered-clip:1.5:3:4", AggregationSpec.of("centered-clip", Map.of("tau", 1.5, "iterations", 3.0, "bucket", 4.0)).canonical());
        assertEquals(java.util.List.of("f", "m", "bucket"), java.util.List.copyOf(krum.params().keySet()));
    }

    @Test
    void bucketErrorsSayWhatToWrite() {
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("multi-krum:1:3:2:2"));
        assertTrue(tooMany.getMessage().contains("multi-krum:<f>:<m>[:<bucket>]"), tooMany.getMessage());
        final IllegalArgumentException notBucketed = assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("fedavg:2"));
        assertTrue(notBucketed.getMessage().contains("write it as fedavg"), notBucketed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.of("norm-clip", Map.of("clip", 1.0, "bucket", 2.0)));
        assertThrows(IllegalArgumentException.class, () -> AggregationSpec.of("median", Map.of("bucket", Double.NaN)));
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> AggregationSpec.of("centered-clip", Map.of("bucket", 2.0)));
        assertTrue(missing.getMessage().contains("centered-clip:<tau>:<iterations>[:<bucket>]"), missing.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> AggregationSpec.parse("bucket"));
        assertTrue(unknown.getMessage().contains("median[:<bucket>]"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("centered-clip:<tau>:<iterations>[:<bucket>]"), unknown.getMessage());
    }
}

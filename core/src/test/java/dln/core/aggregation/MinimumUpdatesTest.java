package dln.core.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.api.AggregationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger reads a rule's minimum from the shared parser; the rules must agree with it. */
class MinimumUpdatesTest {

    @Test
    void theLedgersMinimumIsTheRulesOwn() {
        for (String spec : List.of("fedavg", "median", "trimmed-mean:0.2", "multi-krum:1:3", "multi-krum:2:2", "multi-krum:1:6",
                "norm-clip:5", "centered-clip:1:3", "median:2", "multi-krum:1:3:2", "centered-clip:1:3:3", "trimmed-mean:0.1:4")) {
            assertEquals(AggregationRules.parse(spec).minimumUpdates(), AggregationSpec.parse(spec).minimumUpdates(), spec);
        }
    }
}

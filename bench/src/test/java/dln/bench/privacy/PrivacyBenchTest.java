package dln.bench.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.cli.ExitCodes;
import dln.core.data.Dataset;
import dln.core.privacy.LossThresholdAttack;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyBenchTest {

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() {
        assertEquals(1, ExitCodes.run(new PrivacyBench(), "--epsilons", "0"));
        assertEquals(1, ExitCodes.run(new PrivacyBench(), "--epsilons", "3", "--delta", "0.5"));
        assertEquals(1, ExitCodes.run(new PrivacyBench(), "--examples", "5"));
        assertEquals(1, ExitCodes.run(new PrivacyBench(), "--rounds", "0"));
        assertEquals(1, ExitCodes.run(new PrivacyBench(), "--acceptance", "always"));
    }

    @Test
    void theTableHasOneRowPerSettingAndADashWhereThereIsNoValue() {
        final String t = PrivacyBench.table(List.of(
                new PrivacyBench.Row("no DP", Double.NaN, Double.NaN, 24, 24, 0.9, new LossThresholdAttack.Outcome(0.61, 0.2), 0.7, 0.75, 60),
                new PrivacyBench.Row("DP eps 1", 3.2, 0.99, 0, 24, 0.3, new LossThresholdAttack.Outcome(0.5, 0.02), Double.NaN, Double.NaN, 30)),
                0.007, 0.014);
        assertTrue(t.lines().anyMatch(l -> l.matches("no DP\\s+-\\s+-\\s+24/24\\s+90.00%\\s+0.610\\s+0.200\\s+0.700\\s+0.750\\s+60s")), t);
        assertTrue(t.contains("standard error when nothing leaks: 0.007 (model), 0.014 (one update)"), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("DP eps 1\\s+3.200\\s+0.99\\s+0/24\\s+30.00%\\s+0.500\\s+0.020\\s+-\\s+-\\s+30s")), t);
    }

    @Test
    void concatenationKeepsEveryRecordInOrder() {
        final Dataset a = new Dataset(new float[] {1, 2, 3, 4}, new int[] {0, 1}, 2, 2);
        final Dataset b = new Dataset(new float[] {5, 6}, new int[] {1}, 2, 2);
        final Dataset ab = PrivacyBench.concat(List.of(a, b));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, ab.features());
        assertArrayEquals(new int[] {0, 1, 1}, ab.labels());
    }
}

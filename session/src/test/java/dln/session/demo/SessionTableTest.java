package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    private static LearningSession.Result result(final List<Double> baseline) {
        final RoundRow row = new RoundRow("federated", 1, 4, 0, 0, 0, 0.9, 8_000, 1_000, 2_000, 3_000, 14_000);
        return new LearningSession.Result("m-1", null, List.of(row), baseline, List.of(), List.of(), Set.of(), List.of());
    }

    @Test
    void theCentralisedRowShowsTheBaselinesLastEpoch() {
        final String table = SessionTable.render(result(List.of(0.90, 0.945)));
        assertTrue(table.lines().anyMatch(l -> l.startsWith("central") && l.contains("2ep") && l.endsWith("94.50%")), table);
    }

    @Test
    void aSessionWithoutBaselineHasNoCentralisedRow() {
        final String table = SessionTable.render(result(List.of()));
        assertFalse(table.contains("central"), table);
        assertEquals(1, table.lines().filter(l -> l.startsWith("federated")).count(), table);
    }
}

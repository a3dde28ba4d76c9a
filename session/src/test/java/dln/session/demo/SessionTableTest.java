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
    void theDagLineNamesOnlyThePhasesThatRan() {
        assertTrue(SessionTable.render(result(List.of())).contains("DAG: federated model m-1, 0 updates\n"));
        final RoundRow step = new RoundRow("gossip", 1, 4, 0, 0, 0, 0.9, 8_000, 1_000, 2_000, 3_000, 14_000);
        final String gossipOnly = SessionTable.render(new LearningSession.Result(null, "m-2", List.of(step), List.of(), List.of(), List.of(),
                Set.of(), List.of()));
        assertTrue(gossipOnly.contains("DAG: gossip model m-2, 0 updates (0 accepted)"), gossipOnly);
        assertFalse(gossipOnly.contains("null"), gossipOnly);
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

    @Test
    void aRoundIsSplitAndComparedWithItsTraining() {
        final String table = SessionTable.render(result(List.of()));
        final String row = table.lines().filter(l -> l.startsWith("federated")).findFirst().orElseThrow();
        // 14 s round, 8 s training, 3 s waiting for the committee: 3 s other, 1.75x the training.
        assertTrue(row.matches(".* 8\\.0s +1\\.0s +2\\.0s +3\\.0s +3\\.0s +14\\.0s +1\\.8x +42\\.9%"), row);
        assertTrue(table.lines().findFirst().orElseThrow().contains("other") && table.contains("x train"), table);
    }
}

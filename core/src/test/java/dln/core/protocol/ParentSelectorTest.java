package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.UpdateStatus;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gossip parent choice: a pure function of the accepted updates, k and the seed. */
class ParentSelectorTest {

    private static UpdateView accepted(final int i, final double score) {
        return new UpdateView(String.format("u-%03d", i), "m", null, "cid", List.of("initial"), 0, 100, 1000, UpdateStatus.ACCEPTED, score,
                "2027-01-01T00:00:00Z", String.format("2027-01-01T00:%02d:%02dZ", i / 60, i % 60), null);
    }

    @Test
    void nothingAcceptedMeansTheInitialWeights() {
        assertEquals(List.of(UpdateView.INITIAL), ParentSelector.recent(true).choose(List.of(), 2, 1));
    }

    @Test
    void parentsComeFromTheRecentWindowOnlySortedAndReplayable() {
        final List<UpdateView> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(accepted(i, 0.9));
        }
        final ParentSelector s = ParentSelector.recent(true);
        for (long seed = 0; seed < 50; seed++) {
            final List<String> chosen = s.choose(all, 3, seed);
            assertEquals(3, chosen.size());
            assertEquals(chosen.stream().sorted().toList(), chosen);
            assertTrue(chosen.stream().allMatch(id -> Integer.parseInt(id.substring(2)) >= 40 - ParentSelector.RECENT_WINDOW), chosen.toString());
            assertEquals(chosen, s.choose(all, 3, seed), "the same seed chooses the same parents");
        }
    }

    @Test
    void betterScoredUpdatesArePickedMoreOften() {
        final List<UpdateView> window = List.of(accepted(1, 0.95), accepted(2, 0.30));
        int good = 0;
        for (long seed = 0; seed < 400; seed++) {
            good += ParentSelector.recent(true).choose(window, 1, seed).contains("u-001") ? 1 : 0;
        }
        assertTrue(good > 300, "0.95 picked " + good + " times of 400 against 0.30");
    }

    private static UpdateView measured(final int i, final double contribution) {
        final UpdateView u = accepted(i, 0.5);
        return new UpdateView(u.id(), u.modelId(), u.submitter(), u.weightsCid(), u.parents(), u.round(), u.samples(), u.trainingMillis(),
                u.status(), u.score(), u.submittedAt(), u.decidedAt(), contribution);
    }

    @Test
    void underMeasuredContributionsTheParentsAreTheHeadAndTheBestContributorsWithoutADraw() {
        // u-007 is newest but made things worse; u-006 is the newest that improved on its parents.
        final List<UpdateView> window = List.of(measured(3, 0.05), measured(4, 0.001), measured(5, 0.02), measured(6, 0.003), measured(7, -0.01));
        assertEquals("u-006", ParentSelector.head(window, true).orElseThrow().id());
        final ParentSelector s = ParentSelector.recent(true);
        for (long seed = 0; seed < 20; seed++) {
            // The head, then by contribution: u-003 (0.05), u-005 (0.02), u-004 (0.001), u-007 (-0.01).
            assertEquals(List.of("u-003", "u-006"), s.choose(window, 2, seed));
            assertEquals(List.of("u-003", "u-005", "u-006"), s.choose(window, 3, seed));
            assertEquals(List.of("u-003", "u-004", "u-005", "u-006", "u-007"), s.choose(window, 8, seed));
        }
        assertEquals(List.of("u-006"), s.choose(window, 1, 0), "one parent: the head");
    }

    @Test
    void theBestContributorOutsideTheWindowIsNotChosen() {
        final List<UpdateView> all = new ArrayList<>();
        // u-000 contributed most, but 20 updates were accepted after it: a window of 4 holds u-017..u-020.
        all.add(measured(0, 1.0));
        for (int i = 1; i <= 20; i++) {
            all.add(measured(i, 0.01 * i));
        }
        final ParentSelector s = new ParentSelector(4, true);
        // u-020 is the head (newest, improved); then u-019, u-018 by contribution.
        assertEquals(List.of("u-018", "u-019", "u-020"), s.choose(all, 3, 5));
    }

    @Test
    void theCurrentModelIsWhatTheNextStepStartsFromOrTheBestScoredAlone() {
        final List<UpdateView> measuredWindow = List.of(measured(3, 0.05), measured(4, 0.001), measured(5, 0.02), measured(6, 0.003));
        final ParentSelector s = ParentSelector.recent(true);
        assertEquals(s.choose(measuredWindow, 3, 99), s.current(measuredWindow, 3));
        assertEquals(List.of("u-003", "u-005", "u-006"), s.current(measuredWindow, 3));
        // Threshold policy: parents are drawn, so the state is the best-scored update alone.
        assertEquals(List.of("u-001"), s.current(List.of(accepted(1, 0.95), accepted(2, 0.30)), 3));
        assertEquals(List.of(), s.current(List.of(), 3));
    }
}

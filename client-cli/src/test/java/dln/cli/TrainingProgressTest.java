package dln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void barsOnlyOnATerminalThatMovesItsCursor() {
        assertTrue(TrainingProgress.drawsBars(true, Map.of("TERM", "xterm-256color")));
        assertFalse(TrainingProgress.drawsBars(false, Map.of("TERM", "xterm-256color")), "a pipe or a log");
        assertFalse(TrainingProgress.drawsBars(true, Map.of("TERM", "dumb")), "an editor's console");
        assertFalse(TrainingProgress.drawsBars(true, Map.of()), "no terminal type");
    }

    @Test
    void everyBarHasTheSameWidthThatNeverWraps() {
        assertEquals(79, TrainingProgress.lineWidth(80));
        assertEquals(119, TrainingProgress.lineWidth(120));
        assertEquals(120, TrainingProgress.lineWidth(200), "readable on a wide terminal");
        assertEquals(79, TrainingProgress.lineWidth(0), "a terminal that does not say its width");
    }
}

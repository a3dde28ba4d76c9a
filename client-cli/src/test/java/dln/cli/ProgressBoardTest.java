package dln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.training.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {

    /** What a terminal shows after the board's output: cursor up, carriage return, clear line, clear below. */
    private static List<String> screen(final String output) {
        List<StringBuilder> lines = new ArrayList<>();
        lines.add(new StringBuilder());
        int row = 0;
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (c == '\u001b') {
                int end = i + 2;
                while (!Character.isLetter(output.charAt(end))) {
                    end++;
                }
                String n = output.substring(i + 2, end);
                switch (output.charAt(end)) {
                    case 'A' -> row = Math.max(0, row - Integer.parseInt(n));
                    case 'K' -> lines.get(row).setLength(0);
                    case 'J' -> {
                        lines.get(row).setLength(0);
                        while (lines.size() > row + 1) {
                            lines.remove(lines.size() - 1);
                        }
                    }
                    default -> throw new AssertionError("unexpected escape " + output.substring(i, end + 1));
                }
                i = end;
            } else if (c == '\r') {
                lines.get(row).setLength(0);
            } else if (c == '\n') {
                row++;
                if (lines.size() == row) {
                    lines.add(new StringBuilder());
                }
            } else {
                lines.get(row).append(c);
            }
        }
        return lines.stream().map(StringBuilder::toString).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void providersKeepOneLineEachBelowEverythingElsePrinted() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        try {
            try (ProgressBoard board = new ProgressBoard(79)) {
                TrainingListener a = board.listener("org1/User3");
                TrainingListener b = board.listener("org2/User3");
                a.epochStarted(0, 1, 52);
                a.batchDone(0, 25, 52, 0.5);
                System.out.println("round 1  accepted 4");
                b.epochStarted(0, 1, 10);
                b.batchDone(0, 9, 10, 0.25);
                a.uploaded(400_000, 796_000);
                System.err.println("warning: slow peer");
                a.uploaded(796_000, 796_000);
            }
            assertSame(capture, System.err, "the streams are given back");
            assertSame(out, System.out);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        List<String> screen = screen(terminal.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(
                "round 1  accepted 4",
                "warning: slow peer",
                "org1/User3               uploaded 796 kB",
                "org2/User3               epoch 1/1  [====================] 10/10  loss 0.2500"), screen);
        assertTrue(screen.stream().allMatch(l -> l.length() <= 79), "no line wraps");
    }

    @Test
    void barsKeepOneWidthWhateverTheirProgress() {
        assertEquals("[                    ]  0/52", ProgressBoard.bar(0, 52, ""));
        assertEquals("[==========          ] 26/52", ProgressBoard.bar(26, 52, ""));
        assertEquals("[====================] 52/52", ProgressBoard.bar(52, 52, ""));
        assertEquals("[                    ] 0/0 kB", ProgressBoard.bar(0, 0, " kB"));
    }
}

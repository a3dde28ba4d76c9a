package dln.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The reads benchmark on a small DAG: it prints its table and finds the bounded steps flat. */
class ReadsBenchTest {

    @Test
    void theBoundedStepsReadTheSameAtTwentyAndTwoHundredAcceptedUpdates() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        final int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new ReadsBench()).execute("--sizes", "20,200", "--repeat", "2", "--tolerance", "1.0");
        } finally {
            System.setOut(stdout);
        }
        final String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.contains("flat at    200 accepted: ok"), text);
        assertTrue(text.matches("(?s).*gossip parent choice before \\(lists every update\\)\\s+200\\s+\\d+\\s+8\\d\\d\\s.*"),
                "the step of before reads every accepted update twice: " + text);
    }
}

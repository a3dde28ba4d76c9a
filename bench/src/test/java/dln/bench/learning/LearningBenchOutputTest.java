package dln.bench.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan that stops part-way keeps what it finished: each entry's rows are written as it ends. */
class LearningBenchOutputTest {

    @Test
    void aPlanThatFailsKeepsTheEntriesItFinished(@TempDir final Path tmp) throws Exception {
        // The second entry cannot be partitioned (ten classes cannot give 32 providers ten examples
        // each at alpha 0.0001): it fails after the first has run.
        final Path plan = Files.writeString(tmp.resolve("two.yaml"), """
                name: two
                defaults: {model: mlp, mode: federated, steps: 1, epochs: 1, quorum: 2, seed: 7, acceptance: "contribution:3"}
                entries:
                  - {providers: 2, partition: iid}
                  - {providers: 32, partition: "dirichlet:0.0001"}
                """);
        final int code = ExitCodes.run(new LearningBench(), "--offline", "--plan", plan.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCodes.USER_ERROR, code, "the second entry's partition cannot be drawn: the plan's choice");
        final List<Path> dirs;
        try (var s = Files.list(tmp.resolve("out"))) {
            dirs = s.toList();
        }
        assertEquals(1, dirs.size(), dirs.toString());
        final List<String> rounds = Files.readAllLines(dirs.get(0).resolve("rounds.csv"));
        assertTrue(rounds.get(0).startsWith("configuration,"), rounds.get(0));
        assertEquals(2, rounds.size(), "the header and the first entry's one round: " + rounds);
        assertTrue(rounds.get(1).contains("n=2 iid"), rounds.get(1));
        final List<String> scores = Files.readAllLines(dirs.get(0).resolve("scores.csv"));
        assertTrue(scores.size() > 1, "the first entry's committee scores: " + scores.size() + " lines");
        final String table = Files.readString(dirs.get(0).resolve("table.txt"));
        assertTrue(table.contains("n=2 iid") && table.contains("1 of 2 entries so far"), table);
    }
}

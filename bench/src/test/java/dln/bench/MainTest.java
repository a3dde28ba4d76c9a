package dln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("scripts/commands.sh"))) {
            root = root.getParent();
        }
        return root;
    }

    /** The benches ./dln knows, with or without the network: the one list in scripts/commands.sh. */
    private static Set<String> launcherBenches() throws IOException {
        final String script = Files.readString(repositoryRoot().resolve("scripts/commands.sh"));
        final Set<String> names = new TreeSet<>();
        final Matcher m = Pattern.compile("(?m)^(?:NETWORK|OFFLINE)_BENCHES=\\(([^)]*)\\)").matcher(script);
        while (m.find()) {
            names.addAll(Set.of(m.group(1).trim().split("\\s+")));
        }
        return names;
    }

    @Test
    void theLauncherKnowsEveryBenchAndNoOther() throws IOException {
        assertEquals(new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet()), launcherBenches());
    }

    @Test
    void everyBenchsHelpRendersWithoutAPicocliWarning() {
        final PrintStream err = System.err;
        final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine bench : new CommandLine(new Main()).getSubcommands().values()) {
                assertTrue(bench.getUsageMessage().contains("Example"), bench.getCommandName());
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }
}

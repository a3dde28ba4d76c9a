package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's Clients block, run verbatim on the real network: what a newcomer types works as written. */
class ReadmeClientsIT {

    private static final Path ROOT = SessionIT.ItPaths.root();

    @Test
    void theClientsBlockRunsAsWritten() throws Exception {
        final String block = clientsBlock(Files.readString(ROOT.resolve("README.md")));
        final Path zip = ROOT.resolve("model.zip");
        Files.deleteIfExists(zip);
        // The block leaves its committee members serving in the background: end them with the script.
        final String script = "set -euo pipefail\n" + block + "\nkill $(jobs -p) 2>/dev/null || true\n";
        final Process p = new ProcessBuilder(List.of("bash", "-c", script)).directory(ROOT.toFile()).redirectErrorStream(true).start();
        final byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the block finished within 10 minutes");
        final String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(Files.size(zip) > 1000, "export wrote a model: " + text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("update ")), "the provider reported its updates: " + text);
        Files.delete(zip);
    }

    /** The first fenced block after the "## Clients" heading. */
    static String clientsBlock(final String readme) {
        final int section = readme.indexOf("\n## Clients");
        final int open = readme.indexOf("```\n", section);
        final int close = readme.indexOf("\n```", open + 4);
        if (section < 0 || open < 0 || close < 0) {
            throw new IllegalStateException("README.md has no ## Clients section with a code block");
        }
        return readme.substring(open + 4, close);
    }
}

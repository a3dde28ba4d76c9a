package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `./dln demo --privacy`: checked by the launcher's --check run, before anything is built or started. */
class DemoPrivacyOptionTest {

    @Test
    void aGoodBudgetPassesTheCheckAndABadOneIsOneLineAndExit1() {
        assertEquals(0, ExitCodes.run(new DemoCommand(), "--check", "--privacy", "epsilon=3,delta=1e-5,noise=1.1,clip=1.0"));
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int code;
        try {
            code = ExitCodes.run(new DemoCommand(), "--check", "--privacy", "epsilon=3,sigma=2");
        } finally {
            System.setErr(err);
        }
        final String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertEquals(1, text.lines().filter(l -> !l.isBlank()).count(), text);
        assertTrue(text.startsWith("error: privacy must be none or epsilon="), text);
    }
}

package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * `./dln demo --providers N` on a machine with no network set up yet: the launcher's --check is given
 * the users the network will enrol, so too many providers is one line and exit 1 before minutes of
 * building and starting (it was refused only once the network was up).
 */
class DemoProvidersCheckTest {

    @Test
    void moreProvidersThanTheNetworkWillEnrolAreRefusedByTheCheck() {
        assertEquals(0, ExitCodes.run(new DemoCommand(), "--check", "--free-users", "6", "--providers", "6"));
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int code;
        try {
            code = ExitCodes.run(new DemoCommand(), "--check", "--free-users", "6", "--providers", "7");
        } finally {
            System.setErr(err);
        }
        assertEquals(1, code);
        assertEquals("error: 7 providers need 7 enrolled users; the network has 6 free ones (raise USERS_PER_ORG in network/network.conf)",
                captured.toString(StandardCharsets.UTF_8).strip());
    }
}

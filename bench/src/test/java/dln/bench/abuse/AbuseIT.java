package dln.bench.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.ledger.ConnectionProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast part of the abuse suite on the real network: every shared refused call (bad argument
 * counts, encodings and sizes for every transaction, unknown names, bad numbers) through the
 * gateway as its actor, each refused with exactly its rule. The crowd round (32 providers at
 * once) is the bench's: {@code ./dln bench abuse}.
 */
class AbuseIT {

    @Test
    void everySharedCaseIsRefusedWithItsRuleOnTheNetwork() {
        final List<AbuseBench.Observed> all = AbuseBench.observeAll(ConnectionProfile.load(profile()), null);
        assertTrue(all.size() >= 120, "at least 120 cases, got " + all.size());
        final List<String> missed = all.stream().filter(o -> !o.ok())
                .map(o -> o.c().name() + ": expected " + o.c().rule().name() + ", observed " + o.observed()).toList();
        assertEquals(List.of(), missed, missed.size() + " of " + all.size() + " cases missed");
    }

    /** DLN_PROFILE when set (a network on other ports), else the clone's .dln/connection.json. */
    private static Path profile() {
        final String env = System.getenv("DLN_PROFILE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("network/network.sh").toFile().exists()) {
            root = root.getParent();
        }
        return root.resolve(".dln/connection.json");
    }
}

package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

    private static SessionConfig session(final int malicious, final Attack attack) {
        return new SessionConfig("mlp", 4, malicious, attack, "iid", 2, 0, 1, 0.5, 2, "median", "fedavg", 7);
    }

    @Test
    void aTeamAttackWithOneMaliciousProviderIsRefusedBeforeAnythingRuns() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> session(1, Attack.MIN_SUM));
        assertEquals("min-sum needs at least 2 malicious providers, got 1: it crafts its update from the spread of their honest updates,"
                + " and one update has none (ledger-min-sum reads the spread off the ledger and works alone)", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> session(1, Attack.SYBIL)).getMessage().contains("copies under several identities"));
        assertEquals(2, session(2, Attack.MIN_SUM).malicious());
        assertEquals(1, session(1, Attack.LEDGER_MIN_SUM).malicious(), "the ledger's spread serves one attacker");
        assertEquals(1, session(1, Attack.IPM).malicious(), "one update has a mean to scale");
    }
}

package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttackTest {

    @Test
    void aLoneColluderHasNoSpreadSoTheTeamAttacksNeedTwo() {
        // One estimate: its mean is itself and its deviation zero, so mean - z * std is the honest update.
        final Moments one = Moments.of(java.util.List.of(new float[] {0.5f, -1f}));
        assertEquals(0.0, one.std()[0]);
        for (Attack a : java.util.List.of(Attack.ALIE, Attack.MIN_MAX, Attack.MIN_SUM, Attack.SYBIL)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.requireTeam(1));
            assertTrue(e.getMessage().startsWith(a.wire() + " needs at least 2 malicious providers, got 1: "), e.getMessage());
            a.requireTeam(2);
            a.requireTeam(0);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Attack.ALIE.requireTeam(1)).getMessage().contains("ledger-alie"),
                "names the variant that works alone");
        for (Attack a : Attack.values()) {
            if (a.minimumTeam() == 1) {
                a.requireTeam(1);
            }
        }
        assertEquals(java.util.Set.of(Attack.ALIE, Attack.MIN_MAX, Attack.MIN_SUM, Attack.SYBIL),
                java.util.Arrays.stream(Attack.values()).filter(a -> a.minimumTeam() > 1).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theInformedAttacksParseFromTheirWireNames() {
        assertEquals(Attack.ALIE, Attack.parse("alie"));
        assertEquals(Attack.MIN_MAX, Attack.parse("min-max"));
        assertEquals(Attack.LEDGER_MIN_SUM, Attack.parse(" Ledger-Min-Sum "));
        assertEquals("ledger-alie", Attack.LEDGER_ALIE.wire());
        assertTrue(Attack.LEDGER_IPM.readsLedger() && Attack.LEDGER_IPM.crafted());
        assertTrue(!Attack.SYBIL.crafted() && !Attack.ALIE.readsLedger());
        for (Attack a : Attack.values()) {
            assertEquals(a, Attack.parse(a.wire()));
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attack.parse("everything"));
        assertTrue(e.getMessage().contains("inflate") && e.getMessage().contains("ledger-min-max") && e.getMessage().contains("sybil"), e.getMessage());
    }
}

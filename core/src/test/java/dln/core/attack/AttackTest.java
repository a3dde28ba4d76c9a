package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttackTest {

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

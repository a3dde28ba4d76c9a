package dln.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossChecksTest {

    private static final LedgerIdentity P1 = new LedgerIdentity("Org1MSP", "p1");
    private static final LedgerIdentity P2 = new LedgerIdentity("Org2MSP", "p2");
    private static final LedgerIdentity M1 = new LedgerIdentity("Org1MSP", "m1");
    private static final LedgerIdentity M2 = new LedgerIdentity("Org2MSP", "m2");

    private static UpdateView update(final String id, final LedgerIdentity who, final int round, final UpdateStatus status) {
        return new UpdateView(id, "m", who, "cid-" + id, List.of("initial"), round, 10, 1, status, null, "2026-01-01T00:00:00Z", null, null);
    }

    @Test
    void onlyAcceptedWeightsAreReadAndAMissingOneIsNamed() {
        final List<UpdateView> u = List.of(update("a", P1, 1, UpdateStatus.ACCEPTED), update("b", P2, 1, UpdateStatus.REJECTED),
                update("c", P2, 2, UpdateStatus.ACCEPTED));
        final LossChecks.Check c = LossChecks.weightsRetrievable(u, cid -> !cid.equals("cid-c"));
        assertEquals(2, c.checked());
        assertEquals(1, c.missed());
        assertEquals(List.of("c cid-c"), c.examples());
        assertTrue(LossChecks.weightsRetrievable(u, cid -> true).ok());
    }

    @Test
    void aPendingUpdateIsLost() {
        assertFalse(LossChecks.everyUpdateDecided(List.of(update("a", P1, 1, UpdateStatus.PENDING))).ok());
        assertTrue(LossChecks.everyUpdateDecided(List.of(update("a", P1, 1, UpdateStatus.REJECTED))).ok());
    }

    @Test
    void aMemberScoringTwiceIsADuplicate() {
        final ScoreView m1 = new ScoreView("a", M1, 0.9, 10, "t", null, false, null, null);
        final ScoreView m2 = new ScoreView("a", M2, 0.8, 10, "t", null, false, null, null);
        assertTrue(LossChecks.oneScorePerMember(Map.of("a", List.of(m1, m2), "b", List.of(m1))).ok());
        final LossChecks.Check twice = LossChecks.oneScorePerMember(Map.of("a", List.of(m1, m2, m1)));
        assertEquals(1, twice.missed());
        assertEquals(3, twice.checked());
    }

    @Test
    void twoUpdatesOfOneProviderInOneRoundAreADuplicateButGossipIsNot() {
        assertFalse(LossChecks.oneUpdatePerProviderAndRound(List.of(update("a", P1, 1, UpdateStatus.ACCEPTED),
                update("b", P1, 1, UpdateStatus.REJECTED))).ok());
        assertTrue(LossChecks.oneUpdatePerProviderAndRound(List.of(update("a", P1, 1, UpdateStatus.ACCEPTED),
                update("b", P1, 2, UpdateStatus.ACCEPTED), update("c", P2, 1, UpdateStatus.ACCEPTED),
                update("g1", P1, 0, UpdateStatus.ACCEPTED), update("g2", P1, 0, UpdateStatus.ACCEPTED))).ok());
    }

    @Test
    void fewerRoundsThanAskedIsMissed() {
        assertTrue(LossChecks.completed("rounds", 6, 6).ok());
        assertFalse(LossChecks.completed("rounds", 6, 5).ok());
    }

    @Test
    void killIntervalsAreCheckedAndKindsNamed() {
        assertEquals(20, KillInterval.parse("20-40")[0]);
        assertEquals(40, KillInterval.parse("20-40")[1]);
        assertEquals(5, KillInterval.parse("5")[1]);
        for (final String bad : List.of("40-20", "0-5", "a-b", "1-2-3", "", "-5")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> KillInterval.parse(bad), bad);
        }
        assertEquals("peer", Kill.kindOf("peer0.org2"));
        assertEquals("orderer", Kill.kindOf("orderer3"));
        assertEquals("", Kill.kindOf("supervisor"));
    }

    @Test
    void aProviderGoingOverItsGossipStepsMadeADuplicate() {
        final List<UpdateView> u = List.of(update("g1", P1, 0, UpdateStatus.ACCEPTED), update("g2", P1, 0, UpdateStatus.ACCEPTED),
                update("g3", P2, 0, UpdateStatus.ACCEPTED));
        assertTrue(LossChecks.noExtraGossipUpdates(u, "m", 2).ok());
        final LossChecks.Check over = LossChecks.noExtraGossipUpdates(u, "m", 1);
        assertEquals(3, over.checked());
        assertEquals(1, over.missed());
        assertTrue(LossChecks.noExtraGossipUpdates(u, "other", 1).ok(), "another model's updates are not counted");
    }
}

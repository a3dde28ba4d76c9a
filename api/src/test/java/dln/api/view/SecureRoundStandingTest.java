package dln.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.api.SecurePhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secure round's standing in words: what a stall, {@code publisher status} and {@code publisher advance} print. */
class SecureRoundStandingTest {
    private static final LedgerIdentity A = user("User3", "org1");
    private static final LedgerIdentity B = user("User3", "org2");
    private static final LedgerIdentity C = user("User3", "org3");
    private static final LedgerIdentity D = user("User4", "org3");

    private static LedgerIdentity user(final String name, final String org) {
        return new LedgerIdentity(org.substring(0, 1).toUpperCase() + org.substring(1) + "MSP",
                "x509::CN=" + name + "@" + org + ".dln,OU=client::CN=ca." + org + ".dln");
    }

    private static SecureRoundView.Round round(final SecurePhase phase, final List<LedgerIdentity> keys, final List<LedgerIdentity> shared,
            final List<LedgerIdentity> masked, final List<LedgerIdentity> revealed, final List<SecureRoundView.Vote> votes) {
        return new SecureRoundView.Round("m-1", 2, phase, 3, keys, shared, masked, revealed, phase == SecurePhase.AGGREGATED ? "u-9" : null,
                votes, null);
    }

    @Test
    void eachStepNamesWhoActedOfWhoMayAndWhoItWaitsFor() {
        final List<LedgerIdentity> all = List.of(A, B, C, D);
        assertEquals("step keys, 3 mask keys advertised", round(SecurePhase.KEYS, List.of(A, B, C), List.of(), List.of(), List.of(), null).standing());
        assertEquals("step shares, 3 of 4 acted, waiting for org2/User3",
                round(SecurePhase.SHARES, all, List.of(A, C, D), List.of(), List.of(), null).standing());
        assertEquals("step masking, 2 of 4 acted, waiting for org1/User3, org3/User4",
                round(SecurePhase.MASKING, all, all, List.of(B, C), List.of(), null).standing());
        assertEquals("step masking, 3 of 3 acted", round(SecurePhase.MASKING, all, List.of(A, B, C), List.of(A, B, C), List.of(), null).standing());
        assertEquals("aggregated from 4 masked updates as update u-9",
                round(SecurePhase.AGGREGATED, all, all, all, List.of(A, B, C), null).standing());
    }

    @Test
    void unmaskingCountsTheVotesAndSaysWhenTheyDisagree() {
        final List<LedgerIdentity> all = List.of(A, B, C, D);
        assertEquals("step unmasking, 3 of 4 acted, waiting for org3/User4, 2 aggregate votes (3 must agree)",
                round(SecurePhase.UNMASKING, all, all, all, List.of(A, B, C),
                        List.of(new SecureRoundView.Vote(A, "bafy1"), new SecureRoundView.Vote(B, "bafy1"))).standing());
        assertEquals("step unmasking, 4 of 4 acted, 4 aggregate votes for 2 different weights (3 must agree)",
                round(SecurePhase.UNMASKING, all, all, all, all, List.of(new SecureRoundView.Vote(A, "bafy1"), new SecureRoundView.Vote(B, "bafy1"),
                        new SecureRoundView.Vote(C, "bafy2"), new SecureRoundView.Vote(D, "bafy2"))).standing());
    }
}

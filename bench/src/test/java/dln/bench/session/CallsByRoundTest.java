package dln.bench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerException;
import dln.api.LedgerFailure;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FailoverTransport;
import dln.ipfs.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsByRoundTest {

    @Test
    void everyParticipantsCallsAreCutIntoRoundsAtTheMarks() {
        final CallsByRound calls = new CallsByRound();
        final LedgerTransport provider = calls.apply(new QuietLedger());
        final LedgerTransport member = calls.apply(new QuietLedger());
        provider.evaluate(Tx.GET_MODEL);
        calls.mark();
        provider.evaluate(Tx.GET_ROUND);
        member.evaluate(Tx.GET_ROUND);
        member.evaluate(Tx.GET_ROUND);
        provider.submit(Tx.SUBMIT_UPDATE);
        calls.mark();
        member.evaluate(Tx.GET_ROUND);
        member.submit(Tx.SUBMIT_SCORES);
        member.submit(Tx.SUBMIT_SCORES);
        calls.mark();
        member.evaluate(Tx.GET_ROUND);
        calls.mark();
        assertEquals(List.of(Map.of(Tx.GET_ROUND, 3L, Tx.SUBMIT_UPDATE, 1L), Map.of(Tx.GET_ROUND, 1L, Tx.SUBMIT_SCORES, 2L), Map.of(Tx.GET_ROUND, 1L)),
                calls.rounds(), "the call before the first mark is in no round");
        final String table = calls.render();
        assertTrue(table.contains("rounds 2-3 (mean)"), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("GetRound\\s+3\\s+1\\.0\\s+0\\.0")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("SubmitScores\\s+0\\s+1\\.0\\s+0\\.0")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("all\\s+4\\s+2\\.0\\s+0\\.0")), table);
    }

    /**
     * A participant's calls through a FailoverTransport that lose a read conflict: proposed again,
     * counted against their round and transaction, the call itself once.
     */
    @Test
    void callsProposedAgainAfterAConflictAreCountedByRound() {
        final CallsByRound calls = new CallsByRound();
        final int[] conflicts = {0};
        final LedgerTransport member = calls.apply(new FailoverTransport(
                List.of(new ConnectionProfile.Endpoint("peer0.org1", "peer0.org1:7051", "ca.pem")), e -> new QuietLedger() {
                    @Override
                    public byte[] submit(final Tx tx, final String... args) {
                        if (conflicts[0] > 0) {
                            conflicts[0]--;
                            throw new LedgerException(LedgerFailure.TX_INVALIDATED, "conflict");
                        }
                        return new byte[0];
                    }
                }, new RetryPolicy(10, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5))));
        calls.mark();
        member.submit(Tx.SUBMIT_SCORES);
        calls.mark();
        conflicts[0] = 1;
        member.submit(Tx.SUBMIT_SCORES);
        member.evaluate(Tx.GET_ROUND);
        calls.mark();
        conflicts[0] = 2;
        member.submit(Tx.SUBMIT_SCORES);
        calls.mark();
        assertEquals(List.of(Map.of(), Map.of(Tx.SUBMIT_SCORES, 1L), Map.of(Tx.SUBMIT_SCORES, 2L)), calls.proposedAgain());
        assertEquals(List.of(Map.of(Tx.SUBMIT_SCORES, 1L), Map.of(Tx.SUBMIT_SCORES, 1L, Tx.GET_ROUND, 1L), Map.of(Tx.SUBMIT_SCORES, 1L)),
                calls.rounds(), "a call proposed again is one call");
        final String table = calls.render();
        assertTrue(table.lines().anyMatch(l -> l.matches("SubmitScores\\s+1\\s+1\\.0\\s+1\\.5")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("GetRound\\s+0\\s+0\\.5\\s+0\\.0")), table);
    }
}

package dln.bench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerTransport;
import dln.api.Tx;
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
        assertTrue(table.lines().anyMatch(l -> l.matches("GetRound\\s+3\\s+1\\.0")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("SubmitScores\\s+0\\s+1\\.0")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("all\\s+4\\s+2\\.0")), table);
    }
}

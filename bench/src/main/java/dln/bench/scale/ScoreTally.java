package dln.bench.scale;

import com.google.gson.JsonParser;
import dln.api.ForwardingTransport;
import dln.api.LedgerTransport;
import dln.api.Tx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the scores a member sends, whether one SubmitScore each or many in one SubmitScores:
 * the round's work is its scores, however many transactions carry them.
 */
final class ScoreTally extends ForwardingTransport {

    private final AtomicLong scores = new AtomicLong();

    ScoreTally(final LedgerTransport inner) {
        super(inner);
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        final byte[] out = super.submit(tx, args);
        if (tx == Tx.SUBMIT_SCORE) {
            scores.incrementAndGet();
        } else if (tx == Tx.SUBMIT_SCORES) {
            scores.addAndGet(JsonParser.parseString(args[0]).getAsJsonObject().getAsJsonArray("scores").size());
        }
        return out;
    }

    long scores() {
        return scores.get();
    }
}
